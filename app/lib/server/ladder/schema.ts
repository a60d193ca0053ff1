import type { ColumnType, Generated, GeneratedAlways, JSONColumnType, Selectable } from 'kysely';
import type { WorkbenchDb } from '../workbench/index.ts';

/**
 * The replay tables (migration 0003_ladder_replay) as kysely sees them. Kept beside the ladder code
 * and added to the workbench's type with `withTables`, so the shared schema.ts stays as it is.
 */
export type LadderReplayTables = {
  ladder_replay_runs: LadderReplayRunsTable;
  ladder_replay_steps: LadderReplayStepsTable;
};

export const REPLAY_STATUSES = ['running', 'succeeded', 'failed'] as const;
export type ReplayStatus = (typeof REPLAY_STATUSES)[number];

export interface LadderReplayRunsTable {
  id: GeneratedAlways<bigint>;
  policy_id: string;
  /** The policy replayed, as JSON (bigints as strings). */
  policy: JSONColumnType<Record<string, unknown>>;
  /** First and last business day (inclusive) the replay's figures cover. */
  from_date: string;
  to_date: string;
  /** The simulation starts here (before from_date) so the ladder is in its steady state by from_date. */
  warm_up_from: string;
  status: ColumnType<ReplayStatus, ReplayStatus | undefined, ReplayStatus>;
  customers_total: Generated<number>;
  customers_done: Generated<number>;
  steps: Generated<number>;
  error: string | null;
  requested_by: string;
  started_at: ColumnType<Date, Date | string | undefined, never>;
  /** Moved on with every progress report; a running run without a heartbeat for a while was interrupted. */
  heartbeat_at: ColumnType<Date, Date | string | undefined, Date | string>;
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** One simulated step: what the policy would have done on `taken_on` had every proposal been approved that day. */
export interface LadderReplayStepsTable {
  run_id: bigint;
  /** The engine's idempotency key; (run_id, idempotency_key) is the primary key, so a run never holds a step twice. */
  idempotency_key: string;
  customer_id: string;
  step_id: string;
  /** The policy step's kind (before any churn-risk branch). */
  step_kind: string;
  /** What would have been done (differs from step_kind when a branch replaced it). */
  kind: string;
  cycle: number;
  invoice_ids: ColumnType<string[], string, string>;
  /** Business day (time zone of the warehouse) the step was taken on. */
  taken_on: string;
  /** Late fee charged, minor units; null for steps without an amount. */
  amount_minor: ColumnType<bigint | null, bigint | null | undefined, bigint | null>;
  currency: string | null;
}

export type LadderReplayRun = Selectable<LadderReplayRunsTable>;
export type LadderReplayStep = Selectable<LadderReplayStepsTable>;

/** The workbench database with the replay tables typed. */
export function ladderDb(db: WorkbenchDb) {
  return db.withTables<LadderReplayTables>();
}
export type LadderDb = ReturnType<typeof ladderDb>;
