import type { LedgerlensServices } from '../../../../pipelines/services.ts';
import { openWarehouse } from '../../../../pipelines/warehouse/connection.ts';
import { addDays } from '../escalation/dates.ts';
import { businessToday } from '../receivables/dates.ts';
import type { LadderDeps } from './analytics.ts';
import { startReplay, type StartedReplay } from './replay-run.ts';
import { listReplayRuns } from './replay-store.ts';

type Services = Pick<LedgerlensServices, 'config' | 'warehouse' | 'workbench'>;

/** The analytics' dependencies from the started services: a fresh warehouse connection per request (for its temp tables). */
export function ladderDeps(services: Services): LadderDeps {
  return { connect: () => openWarehouse(services.config.warehousePath), workbench: services.workbench.db, timezone: services.config.timezone };
}

const jsonLog = (event: Record<string, unknown>) => process.stdout.write(JSON.stringify({ at: new Date().toISOString(), ...event }) + '\n');

/**
 * Starts a replay of the last 12 months (the 365 days up to today, business time zone) in the
 * background of this process and logs `ladder.replay` when it ends. Throws ReplayBusyError while one runs.
 */
export async function startLastYearReplay(services: Services, requestedBy: string, log = jsonLog): Promise<StartedReplay> {
  const today = businessToday(services.config.timezone);
  const began = Date.now();
  const started = await startReplay(services, { from: addDays(today, -364), to: today, requestedBy }, today);
  void started.done.then((run) => log({ event: 'ladder.replay', runId: run.id.toString(), status: run.status, steps: run.steps, customers: run.customers_total, error: run.error, ms: Date.now() - began }));
  return started;
}

/**
 * After a sync: when the workbench has never had a policy replay (a fresh install, the demo), start
 * one in the background, so the ladder page has figures before anyone approved a step. At demo scale
 * S (2,000 customers, 12 months) it takes about 3 s; it never delays the sync or the startup.
 */
export async function startFirstReplay(services: Services, log = jsonLog): Promise<void> {
  try {
    if ((await listReplayRuns(services.workbench.db, 1)).length > 0) return;
    await startLastYearReplay(services, 'system:first-start', log);
  } catch (err) {
    log({ event: 'ladder.replay_not_started', error: err instanceof Error ? err.message : String(err) });
  }
}
