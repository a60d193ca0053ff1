import { m } from '$lib/paraglide/messages.js';
import type { ParsedNotebook } from '../notebooks/parse.ts';
import { parseNotebook } from '../notebooks/parse.ts';
import { listNotebooks, notebooksDir, readNotebook } from '../notebooks/store.ts';
import { businessToday } from '../receivables/dates.ts';
import { getServices } from '../services.ts';
import { upcomingRuns, zonedParts } from './next-run.ts';
import {
  createSchedule,
  deleteSchedule,
  listDeliveries,
  listSchedules,
  scheduleFromForm,
  ScheduleNotFoundError,
  ScheduleValidationError,
  scheduleRule,
  updateSchedule,
  type ReportSchedule,
  type ScheduleErrors,
  type ScheduleInput,
} from './schedules.ts';
import { loadReportSettings } from './settings.ts';

/** A schedule as the page shows it: plain JSON (ids as text, instants as ISO and as local time in its zone). */
export interface ScheduleView extends Omit<ScheduleInput, 'params'> {
  readonly id: string;
  readonly params: string;
  readonly nextRunAt: string | null;
  readonly nextRunLocal: string | null;
  readonly upcomingLocal: readonly string[];
}

export interface DeliveryView {
  readonly id: string;
  readonly scheduleId: string;
  readonly scheduledFor: string;
  readonly attemptedAt: string;
  readonly attempt: number;
  readonly status: string;
  readonly error: string | null;
  readonly retryAt: string | null;
  readonly files: readonly string[];
  readonly recipients: readonly string[];
}

export interface NotebookChoice {
  readonly name: string;
  readonly title: string;
  /** The notebook's parameters, with their default as written (null: none). */
  readonly params: readonly { readonly name: string; readonly default: string | null }[];
  readonly blocks: readonly string[];
}

function local(at: Date, timeZone: string): string {
  const p = zonedParts(at, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}`;
}

function paramsText(params: Readonly<Record<string, string>>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
}

function view(s: ReportSchedule, now: Date): ScheduleView {
  let upcoming: string[] = [];
  try {
    upcoming = s.enabled ? upcomingRuns(scheduleRule(s), now, 3).map((d) => local(d, s.timezone)) : [];
  } catch {
    upcoming = [];
  }
  return {
    ...s,
    id: String(s.id),
    params: paramsText(s.params),
    nextRunAt: s.nextRunAt?.toISOString() ?? null,
    nextRunLocal: s.nextRunAt ? local(s.nextRunAt, s.timezone) : null,
    upcomingLocal: upcoming,
  };
}

/** The form's values echoed back after a failed save (the params as their text). */
export function formValues(input: ScheduleInput, id: string | null): Omit<ScheduleView, 'nextRunAt' | 'nextRunLocal' | 'upcomingLocal'> {
  return { ...input, id: id ?? '', params: paramsText(input.params) };
}

/** Everything /notebooks/schedules shows. */
export async function loadSchedulesPage() {
  const { workbench, config } = getServices();
  const now = new Date();
  const settings = loadReportSettings(process.env, config.dataDir);
  const schedules = await listSchedules(workbench.db);
  const deliveries = await listDeliveries(workbench.db, { limit: 200 });
  const dir = notebooksDir();
  const notebooks: NotebookChoice[] = listNotebooks(dir).map((n) => {
    const source = readNotebook(dir, n.name);
    const parsed: ParsedNotebook | null = source === null ? null : parseNotebook(source);
    return {
      name: n.name,
      title: n.title,
      params: parsed?.params.map((p) => ({ name: p.name, default: p.default === null ? null : String(p.default) })) ?? [],
      blocks: parsed?.blocks.flatMap((b) => (b.kind === 'sql' ? [b.name] : [])) ?? [],
    };
  });
  return {
    schedules: schedules.map((s) => view(s, now)),
    deliveries: deliveries.map(
      (d): DeliveryView => ({
        id: String(d.id),
        scheduleId: String(d.scheduleId),
        scheduledFor: d.scheduledFor.toISOString(),
        attemptedAt: d.attemptedAt.toISOString(),
        attempt: d.attempt,
        status: d.status,
        error: d.error,
        retryAt: d.retryAt?.toISOString() ?? null,
        files: d.files.map((f) => f.name),
        recipients: d.recipients,
      }),
    ),
    notebooks,
    smtpConfigured: settings.smtpUrl !== null,
    reportsDir: settings.reportsDir,
    defaultTimezone: config.timezone,
  };
}

/** Saves the form (a new schedule, or the one named by its `id` field); errors come back per field. */
export async function saveScheduleForm(form: FormData): Promise<{ ok: true; id: string } | { ok: false; errors: ScheduleErrors; values: ReturnType<typeof formValues> }> {
  const { workbench, config } = getServices();
  const input = scheduleFromForm(form);
  const idText = String(form.get('id') ?? '').trim();
  const id = /^\d+$/.test(idText) ? idText : null;
  const now = new Date();
  const dir = notebooksDir();
  const context = { readSource: (name: string) => readNotebook(dir, name), today: businessToday(config.timezone, now), now };
  try {
    const saved = id ? await updateSchedule(workbench.db, BigInt(id), input, context) : await createSchedule(workbench.db, input, context);
    return { ok: true, id: String(saved.id) };
  } catch (err) {
    if (err instanceof ScheduleValidationError) return { ok: false, errors: err.errors, values: formValues(input, id) };
    if (err instanceof ScheduleNotFoundError) return { ok: false, errors: { name: m.dt_sc_err_deleted_meanwhile({ message: err.message }) }, values: formValues(input, null) };
    throw err;
  }
}

export async function deleteScheduleForm(form: FormData): Promise<void> {
  const id = String(form.get('id') ?? '');
  if (!/^\d+$/.test(id)) return;
  await deleteSchedule(getServices().workbench.db, BigInt(id));
}
