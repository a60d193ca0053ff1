import type { WorkbenchDb } from '../workbench/index.ts';
import { nextRun, zonedParts } from './next-run.ts';
import { ReportDeliveryError, writeToFolder, type ReportMailer } from './deliver.ts';
import { produceReport, type ReportSources } from './produce.ts';
import { getSchedule, scheduleFromRow, scheduleRule, type ReportSchedule } from './schedules.ts';

/** After a failed attempt, the next one waits this long: 1 min, 5 min, 30 min; after the fourth attempt it gives up. */
export const RETRY_DELAYS_MS: readonly number[] = [60_000, 5 * 60_000, 30 * 60_000];

export interface ReportSchedulerOptions {
  readonly db: WorkbenchDb;
  readonly sources: ReportSources;
  /** The clock. Tests inject one; the app passes () => new Date(). */
  readonly now: () => Date;
  /** null: e-mail is not configured, and schedules with recipients fail with a message saying so. */
  readonly mailer: ReportMailer | null;
  /** Folder deliveries go under this folder. */
  readonly reportsDir: string;
  readonly retryDelaysMs?: readonly number[];
  readonly log?: (event: Record<string, unknown>) => void;
}

/** What one tick did. */
export interface TickSummary {
  readonly delivered: number;
  readonly failed: number;
  readonly gaveUp: number;
}

export interface ReportScheduler {
  /** Runs every schedule whose next run is due at now() and every retry that is due; concurrent calls share the one in flight. */
  tick(): Promise<TickSummary>;
  /** Calls tick every `intervalMs` (an unref'd timer); a failing tick is logged. */
  start(intervalMs: number): void;
  /** Stops the timer and waits for a tick in flight. */
  stop(): Promise<void>;
}

function localStamp(at: Date, timeZone: string): string {
  const p = zonedParts(at, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}`;
}

/**
 * The report scheduler. Each tick, with the instant `now()`:
 * 1. **Retries.** Every failed attempt whose retry_at has come is claimed (retry_at cleared in one
 *    conditional UPDATE, so two schedulers on one database never both retry it) and attempted again.
 * 2. **Runs.** Every enabled schedule with next_run_at ≤ now is claimed by moving next_run_at to the
 *    rule's first run after now (conditional on the value read), then attempt 1 of the run at the old
 *    next_run_at is made. Known limitation: runs missed while the app was stopped are delivered once,
 *    late, as the earliest missed one.
 * An attempt renders the notebook (produceReport), mails it and/or writes it to the folder, and
 * records one report_deliveries row: delivered; failed with retry_at = now + 1 min, 5 min, 30 min;
 * or gave_up after the last retry. Nothing here sleeps: time only moves through `now()`.
 */
export function createReportScheduler(options: ReportSchedulerOptions): ReportScheduler {
  const { db } = options;
  const delays = options.retryDelaysMs ?? RETRY_DELAYS_MS;
  const log = options.log ?? (() => undefined);
  let inFlight: Promise<TickSummary> | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;

  async function attempt(schedule: ReportSchedule, runAt: Date, number: number, now: Date, summary: { delivered: number; failed: number; gaveUp: number }): Promise<void> {
    let error: string | null = null;
    let files: { name: string; bytes: number }[] = [];
    try {
      const { notebook, attachments } = await produceReport(schedule, { runAt, madeAt: now }, options.sources);
      files = attachments.map((a) => ({ name: a.filename, bytes: a.content.length }));
      if (schedule.emailTo.length > 0) {
        if (!options.mailer) throw new ReportDeliveryError('e-mail is not configured: set LEDGERLENS_SMTP_URL (and LEDGERLENS_REPORT_FROM)');
        await options.mailer.send({
          to: schedule.emailTo,
          subject: `${notebook.title} (${localStamp(runAt, schedule.timezone)} ${schedule.timezone})`,
          text: [
            `${schedule.name}: the notebook ${notebook.title} (${schedule.notebook}.md) as of ${localStamp(runAt, schedule.timezone)} ${schedule.timezone}.`,
            '',
            ...notebook.values.map((v) => `${notebook.params.find((p) => p.name === v.name)?.label ?? v.name}: ${v.value ?? 'all'}`),
            '',
            `Attached: ${files.map((f) => f.name).join(', ')}`,
            '',
            '— Ledgerlens scheduled reports',
          ].join('\n'),
          attachments,
        });
      }
      if (schedule.folder !== null) writeToFolder(options.reportsDir, schedule.folder, attachments);
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    const delay = delays[number - 1];
    const status = error === null ? 'delivered' : delay === undefined ? 'gave_up' : 'failed';
    const retryAt = status === 'failed' ? new Date(now.getTime() + delay!) : null;
    await db
      .insertInto('report_deliveries')
      .values({
        schedule_id: schedule.id,
        scheduled_for: runAt,
        attempt: number,
        attempted_at: now,
        status,
        error,
        retry_at: retryAt,
        files: JSON.stringify(files),
        recipients: JSON.stringify(schedule.emailTo),
      })
      .onConflict((oc) => oc.columns(['schedule_id', 'scheduled_for', 'attempt']).doNothing())
      .execute();
    if (status === 'delivered') summary.delivered++;
    else if (status === 'failed') summary.failed++;
    else summary.gaveUp++;
    log({ event: `report.${status}`, scheduleId: String(schedule.id), scheduledFor: runAt.toISOString(), attempt: number, error, retryAt: retryAt?.toISOString() ?? null });
  }

  async function runTick(): Promise<TickSummary> {
    const now = options.now();
    const summary = { delivered: 0, failed: 0, gaveUp: 0 };
    const retries = await db
      .selectFrom('report_deliveries')
      .select(['id', 'schedule_id', 'scheduled_for', 'attempt'])
      .where('status', '=', 'failed')
      .where('retry_at', 'is not', null)
      .where('retry_at', '<=', now)
      .orderBy('retry_at')
      .execute();
    for (const r of retries) {
      const claimed = await db.updateTable('report_deliveries').set({ retry_at: null }).where('id', '=', r.id).where('retry_at', 'is not', null).executeTakeFirst();
      if (claimed.numUpdatedRows === 0n) continue;
      const schedule = await getSchedule(db, r.schedule_id);
      if (schedule) await attempt(schedule, r.scheduled_for, r.attempt + 1, now, summary);
    }
    const due = await db.selectFrom('report_schedules').selectAll().where('enabled', '=', true).where('next_run_at', '<=', now).orderBy('next_run_at').execute();
    for (const row of due) {
      const schedule = scheduleFromRow(row);
      const runAt = row.next_run_at!;
      let next: Date | null;
      try {
        next = nextRun(scheduleRule(schedule), now);
      } catch (err) {
        // A rule that no longer gives a run (every working day a holiday): stop it rather than spin.
        log({ event: 'report.rule_failed', scheduleId: String(schedule.id), error: (err as Error).message });
        next = null;
      }
      const claimed = await db
        .updateTable('report_schedules')
        .set({ next_run_at: next })
        .where('id', '=', row.id)
        .where('next_run_at', '=', runAt)
        .executeTakeFirst();
      if (claimed.numUpdatedRows === 0n) continue;
      await attempt(schedule, runAt, 1, now, summary);
    }
    return summary;
  }

  const tick = (): Promise<TickSummary> => {
    inFlight ??= runTick().finally(() => {
      inFlight = null;
    });
    return inFlight;
  };

  return {
    tick,
    start(intervalMs) {
      if (timer) return;
      timer = setInterval(() => {
        tick().catch((err: unknown) => log({ event: 'report.tick_failed', error: err instanceof Error ? err.message : String(err) }));
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await inFlight?.catch(() => undefined);
    },
  };
}
