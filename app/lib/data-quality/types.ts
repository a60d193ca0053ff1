/**
 * Shapes of the data-quality feature (sync history, reconciliation, quarantine), shared by the
 * server queries, the API and the page. Counts and money are bigint (JSON: decimal strings).
 */

/** One row of meta.sync_runs. */
export interface SyncRun {
  readonly runId: bigint;
  /** full | incremental */
  readonly mode: string;
  /** running | succeeded | failed | abandoned */
  readonly status: string;
  /** ISO 8601, UTC. */
  readonly startedAt: string;
  /** ISO 8601, UTC; null while running. */
  readonly finishedAt: string | null;
  /** finishedAt − startedAt in milliseconds; null while running. */
  readonly durationMs: number | null;
  /** Rows read from the billing database (all tables); null unless the run succeeded. */
  readonly rowsExtracted: bigint | null;
  /** Rows removed because they were deleted in the source; null unless the run succeeded. */
  readonly rowsDeleted: bigint | null;
  /** Distinct source rows kept out of the marts; null unless the run succeeded. */
  readonly rowsQuarantined: bigint | null;
  /** null when the run did not get to (or past) reconciliation. */
  readonly reconciliationOk: boolean | null;
  /** Why a failed or abandoned run stopped. */
  readonly error: string | null;
}

/** One row of meta.sync_table_stats: what one run did to one contract table. */
export interface SyncTableStat {
  readonly tableName: string;
  readonly rowsExtracted: bigint;
  readonly rowsDeleted: bigint;
  readonly rowsInWarehouse: bigint;
  readonly rowsQuarantined: bigint;
  readonly extractMs: bigint;
}

/**
 * One reconciliation check (meta.reconciliation): a measure summed in the billing database and in
 * the warehouse over the same snapshot. `measure` is 'rows' (a row count) or a money column in
 * integer minor units of `currency`; currency is null for row counts of tables without a currency
 * and for money columns of such tables.
 */
export interface ReconciliationCheck {
  readonly tableName: string;
  readonly currency: string | null;
  readonly measure: string;
  readonly sourceValue: bigint;
  readonly warehouseValue: bigint;
  readonly ok: boolean;
}

/** A run with its per-table stats and reconciliation checks (empty for runs that did not succeed). */
export interface SyncRunDetail {
  readonly run: SyncRun;
  readonly tables: SyncTableStat[];
  readonly reconciliation: ReconciliationCheck[];
}

/** Rows of one table quarantined under one rule. */
export interface QuarantineRuleCount {
  readonly tableName: string;
  readonly rule: string;
  /** Distinct quarantined rows (a row listed twice under the rule counts once). */
  readonly rows: bigint;
  /** The detail of the row with the smallest id, as an example. */
  readonly exampleDetail: string;
}

/** The quarantine of the current warehouse snapshot (the latest succeeded sync). */
export interface QuarantineSummary {
  /** Distinct (table, row) pairs quarantined under any rule; a row breaking several rules counts once. */
  readonly totalRows: bigint;
  /** Sorted by table (contract order), then rule. */
  readonly rules: QuarantineRuleCount[];
}

/** One quarantined row under one rule; several reasons under the same rule are joined with "; ". */
export interface QuarantinedRow {
  readonly rowId: string;
  readonly rule: string;
  readonly detail: string;
}

/** A page of the rows of one table quarantined under one rule, ordered by row id. */
export interface QuarantinedRowsPage {
  readonly tableName: string;
  readonly rule: string;
  /** Distinct rows under the rule, all pages. */
  readonly total: bigint;
  readonly limit: number;
  readonly offset: number;
  readonly rows: QuarantinedRow[];
}
