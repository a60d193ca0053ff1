/**
 * Runs a policy replay: loads the warehouse's past once, runs the engine per customer (./replay.ts)
 * and stores the simulated steps in the workbench's replay tables, reporting progress on the run row.
 */
import type { Warehouse } from '../../../../pipelines/warehouse/connection.ts';
import { addDays, daysBetween } from '../escalation/dates.ts';
import type { EscalationPolicy, IsoDate, RateTableRegistry } from '../escalation/index.ts';
import { loadActivePolicy } from '../collections/policy-store.ts';
import type { Workbench } from '../workbench/index.ts';
import { LadderInputError, ReplayBusyError } from './errors.ts';
import { replayCustomer, type SimulatedStep } from './replay.ts';
import { loadReplayCustomers } from './replay-data.ts';
import { createReplayRun, finishReplayRun, recordReplayProgress, settleStaleRuns, writeReplaySteps } from './replay-store.ts';
import type { LadderReplayRun } from './schema.ts';

export interface ReplayDeps {
  readonly warehouse: Pick<Warehouse, 'query'>;
  readonly workbench: Pick<Workbench, 'db'>;
}

export interface ReplayRequest {
  /** First business day whose steps count (the simulation starts earlier, see replayWarmUpDays). */
  readonly from: IsoDate;
  /** Last business day simulated, inclusive; at most `today`. */
  readonly to: IsoDate;
  /** Who asked (a staff e-mail, 'cli', 'system:demo'). */
  readonly requestedBy: string;
  /** Default: the active stored policy version, the one the daily collections run uses. */
  readonly policy?: EscalationPolicy;
}

/** Longest replay window: two years of steps is more history than the demo or a first install has. */
export const MAX_REPLAY_DAYS = 731;

/**
 * Days simulated before `from`, so the ladder is in its steady state when the figures start: long
 * enough for an invoice that falls overdue then to climb to the last step (its day), plus one day per
 * step for debt that was already old when the simulation started (one step per day).
 */
export function replayWarmUpDays(policy: EscalationPolicy): number {
  return Math.max(...policy.steps.map((s) => s.minDaysPastDue)) + policy.steps.length;
}

/** Checks a replay window: both real dates, from ≤ to ≤ today, at most MAX_REPLAY_DAYS long. */
export function checkReplayWindow(from: IsoDate, to: IsoDate, today: IsoDate): void {
  const day = (value: string, param: 'from' | 'to') => {
    try {
      daysBetween(value, value);
    } catch {
      throw new LadderInputError(param === 'from' ? 'BAD_FROM' : 'BAD_TO', `${param} "${value}" is not a date written YYYY-MM-DD`, param);
    }
  };
  day(from, 'from');
  day(to, 'to');
  if (to > today) throw new LadderInputError('BAD_TO', `to (${to}) is after today (${today}): the replay can only look at the past`, 'to');
  if (from > to) throw new LadderInputError('BAD_RANGE', `from (${from}) is after to (${to})`, 'from');
  if (daysBetween(from, to) >= MAX_REPLAY_DAYS) throw new LadderInputError('BAD_RANGE', `a replay covers at most ${MAX_REPLAY_DAYS} days; ${from} to ${to} is longer`, 'from');
}

export interface StartedReplay {
  readonly run: LadderReplayRun;
  /** Settles when the run finished (succeeded or failed); never rejects. */
  readonly done: Promise<LadderReplayRun>;
}

/**
 * Creates the run and starts it in the background. Refuses (ReplayBusyError) while another replay
 * runs; a run whose process stopped is marked failed first.
 */
export async function startReplay(deps: ReplayDeps, request: ReplayRequest, today: IsoDate, onProgress?: (run: { customersDone: number; customersTotal: number }) => void): Promise<StartedReplay> {
  checkReplayWindow(request.from, request.to, today);
  // The policy in force (the same version the daily run uses), unless the caller tries another.
  const active = await loadActivePolicy(deps.workbench.db);
  const policy = request.policy ?? active.policy;
  const rateTables = active.rateTables;
  const running = await settleStaleRuns(deps.workbench.db);
  if (running) throw new ReplayBusyError(`Policy replay ${running.id} (started ${running.started_at.toISOString()}) is still running; wait for it to finish`);
  const run = await createReplayRun(deps.workbench.db, {
    policy, from: request.from, to: request.to, warmUpFrom: addDays(request.from, -replayWarmUpDays(policy)), requestedBy: request.requestedBy,
  });
  const done = executeReplay(deps, run, policy, onProgress, rateTables);
  return { run, done };
}

/** How many customers between progress reports (each one a small UPDATE). */
const PROGRESS_EVERY = 100;

/**
 * Simulates the run's window and stores its steps. Idempotent: running it again for the same run
 * writes no step twice (the run's steps are keyed by the engine's idempotency key).
 */
export async function executeReplay(
  deps: ReplayDeps,
  run: LadderReplayRun,
  policy: EscalationPolicy,
  onProgress?: (p: { customersDone: number; customersTotal: number }) => void,
  rateTables?: RateTableRegistry,
): Promise<LadderReplayRun> {
  const db = deps.workbench.db;
  try {
    const window = { from: run.warm_up_from, to: run.to_date };
    const customers = await loadReplayCustomers(deps.warehouse, window);
    let pending: SimulatedStep[] = [];
    for (let i = 0; i < customers.length; i++) {
      pending.push(...replayCustomer(policy, customers[i]!, window, { rateTables }));
      const done = i + 1;
      if (done % PROGRESS_EVERY === 0 || done === customers.length) {
        await writeReplaySteps(db, run.id, pending);
        pending = [];
        await recordReplayProgress(db, run.id, { customersDone: done, customersTotal: customers.length });
        onProgress?.({ customersDone: done, customersTotal: customers.length });
      }
    }
    return await finishReplayRun(db, run.id, { status: 'succeeded' });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return finishReplayRun(db, run.id, { status: 'failed', error: message }).catch(() => ({ ...run, status: 'failed' as const, error: message }));
  }
}
