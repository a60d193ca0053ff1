/**
 * The replay tables in the workbench (migration 0003_ladder_replay). Nothing here touches
 * collection_actions or the outbox: simulated steps never reach the billing system.
 */
import { sql } from 'kysely';
import { toJson } from '../workbench/change-case.ts';
import type { WorkbenchDb } from '../workbench/index.ts';
import type { EscalationPolicy, IsoDate } from '../escalation/index.ts';
import { ReplayRunNotFoundError } from './errors.ts';
import type { SimulatedStep } from './replay.ts';
import { ladderDb, type LadderReplayRun, type LadderReplayStep } from './schema.ts';

/** A running run whose heartbeat is older than this was interrupted (process stopped). */
export const REPLAY_HEARTBEAT_TIMEOUT_MS = 120_000;

const INSERT_BATCH = 1_000;

export interface NewReplayRun {
  readonly policy: EscalationPolicy;
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly warmUpFrom: IsoDate;
  readonly requestedBy: string;
}

export async function createReplayRun(db: WorkbenchDb, run: NewReplayRun): Promise<LadderReplayRun> {
  return ladderDb(db)
    .insertInto('ladder_replay_runs')
    .values({ policy_id: run.policy.id, policy: toJson(run.policy), from_date: run.from, to_date: run.to, warm_up_from: run.warmUpFrom, requested_by: run.requestedBy })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Marks running runs without a recent heartbeat as failed ('interrupted'); returns the run still running, if any. */
export async function settleStaleRuns(db: WorkbenchDb, now = new Date()): Promise<LadderReplayRun | null> {
  const ldb = ladderDb(db);
  const stale = new Date(now.getTime() - REPLAY_HEARTBEAT_TIMEOUT_MS);
  await ldb
    .updateTable('ladder_replay_runs')
    .set({ status: 'failed', error: 'interrupted: the process running it stopped', finished_at: sql<Date>`now()` })
    .where('status', '=', 'running')
    .where('heartbeat_at', '<', stale)
    .execute();
  return (await ldb.selectFrom('ladder_replay_runs').selectAll().where('status', '=', 'running').orderBy('id', 'desc').executeTakeFirst()) ?? null;
}

export async function recordReplayProgress(db: WorkbenchDb, runId: bigint, progress: { customersDone: number; customersTotal: number }): Promise<void> {
  await ladderDb(db)
    .updateTable('ladder_replay_runs')
    .set({ customers_done: progress.customersDone, customers_total: progress.customersTotal, heartbeat_at: sql<Date>`now()` })
    .where('id', '=', runId)
    .execute();
}

/** Stores simulated steps; a step the run already holds (same idempotency key) is left as it is. Returns how many were new. */
export async function writeReplaySteps(db: WorkbenchDb, runId: bigint, steps: readonly SimulatedStep[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < steps.length; i += INSERT_BATCH) {
    const rows = steps.slice(i, i + INSERT_BATCH).map((s) => ({
      run_id: runId, idempotency_key: s.idempotencyKey, customer_id: s.customerId, step_id: s.stepId, step_kind: s.stepKind, kind: s.kind,
      cycle: s.cycle, invoice_ids: JSON.stringify(s.invoiceIds), taken_on: s.takenOn, amount_minor: s.amountMinor, currency: s.currency,
    }));
    const result = await ladderDb(db).insertInto('ladder_replay_steps').values(rows).onConflict((oc) => oc.columns(['run_id', 'idempotency_key']).doNothing()).executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0n);
  }
  return inserted;
}

export async function finishReplayRun(db: WorkbenchDb, runId: bigint, outcome: { status: 'succeeded' } | { status: 'failed'; error: string }): Promise<LadderReplayRun> {
  const ldb = ladderDb(db);
  const { n } = await ldb.selectFrom('ladder_replay_steps').select((eb) => eb.fn.countAll<bigint>().as('n')).where('run_id', '=', runId).executeTakeFirstOrThrow();
  return ldb
    .updateTable('ladder_replay_runs')
    .set({ status: outcome.status, error: outcome.status === 'failed' ? outcome.error : null, steps: Number(n), finished_at: sql<Date>`now()`, heartbeat_at: sql<Date>`now()` })
    .where('id', '=', runId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function getReplayRun(db: WorkbenchDb, runId: bigint): Promise<LadderReplayRun> {
  const run = await ladderDb(db).selectFrom('ladder_replay_runs').selectAll().where('id', '=', runId).executeTakeFirst();
  if (!run) throw new ReplayRunNotFoundError(`There is no policy replay ${runId}`);
  return run;
}

/** The latest runs, newest first. */
export async function listReplayRuns(db: WorkbenchDb, limit = 10): Promise<LadderReplayRun[]> {
  return ladderDb(db).selectFrom('ladder_replay_runs').selectAll().orderBy('id', 'desc').limit(limit).execute();
}

/** Every step of a run, in the order taken. */
export async function listReplaySteps(db: WorkbenchDb, runId: bigint): Promise<LadderReplayStep[]> {
  return ladderDb(db).selectFrom('ladder_replay_steps').selectAll().where('run_id', '=', runId).orderBy('taken_on').orderBy('customer_id').orderBy('idempotency_key').execute();
}
