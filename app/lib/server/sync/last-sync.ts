import type { SqlParams, Warehouse } from '../../../../pipelines/warehouse/connection.ts';
import type { SyncRun } from '../../data-quality/types.ts';
import type { LastSync } from '../../revenue/types.ts';

/** A row of meta.sync_runs as `selectSyncRuns` reads it. */
type RawSyncRun = {
  run_id: bigint;
  mode: string;
  status: string;
  started_ms: bigint;
  finished_ms: bigint | null;
  rows_extracted: bigint | null;
  rows_deleted: bigint | null;
  rows_quarantined: bigint | null;
  reconciliation_ok: boolean | null;
  error: string | null;
};

// Timestamps as epoch milliseconds: the instant, with no time-zone conversion on the way.
const SYNC_RUN_COLUMNS = `run_id, mode, status, epoch_ms(started_at) as started_ms, epoch_ms(finished_at) as finished_ms,
  rows_extracted, rows_deleted, rows_quarantined, reconciliation_ok, error`;

function toSyncRun(row: RawSyncRun): SyncRun {
  const started = Number(row.started_ms);
  const finished = row.finished_ms === null ? null : Number(row.finished_ms);
  return {
    runId: row.run_id,
    mode: row.mode,
    status: row.status,
    startedAt: new Date(started).toISOString(),
    finishedAt: finished === null ? null : new Date(finished).toISOString(),
    durationMs: finished === null ? null : finished - started,
    rowsExtracted: row.rows_extracted,
    rowsDeleted: row.rows_deleted,
    rowsQuarantined: row.rows_quarantined,
    reconciliationOk: row.reconciliation_ok,
    error: row.error,
  };
}

/**
 * The one read of meta.sync_runs rows: `select <columns> from meta.sync_runs <rest>`, where `rest`
 * is a where/order/limit clause (with `params` for its placeholders). The table must exist.
 */
export async function selectSyncRuns(
  warehouse: Pick<Warehouse, 'query'>,
  rest: string,
  params?: SqlParams,
): Promise<SyncRun[]> {
  const rows = await warehouse.query<RawSyncRun>(`select ${SYNC_RUN_COLUMNS} from meta.sync_runs ${rest}`, params);
  return rows.map(toSyncRun);
}

/** The latest row of meta.sync_runs (highest run_id); null before the first sync or the meta schema. */
export async function queryLastSync(warehouse: Pick<Warehouse, 'query'>): Promise<LastSync | null> {
  const [exists] = await warehouse.query<{ n: bigint }>(
    `select count(*) as n from information_schema.tables where table_schema = 'meta' and table_name = 'sync_runs'`,
  );
  if (!exists || exists.n === 0n) return null;
  const [run] = await selectSyncRuns(warehouse, 'order by run_id desc limit 1');
  if (!run) return null;
  const { runId, mode, status, startedAt, finishedAt, rowsQuarantined, reconciliationOk, error } = run;
  return { runId, mode, status, startedAt, finishedAt, rowsQuarantined, reconciliationOk, error };
}
