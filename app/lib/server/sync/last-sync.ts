import type { Warehouse } from '../../../../pipelines/warehouse/connection.ts';
import type { LastSync } from '../../revenue/types.ts';

type RawSyncRun = {
  run_id: bigint;
  mode: string;
  status: string;
  started_ms: bigint;
  finished_ms: bigint | null;
  rows_quarantined: bigint | null;
  reconciliation_ok: boolean | null;
  error: string | null;
};

/** The latest row of meta.sync_runs (highest run_id); null before the first sync or the meta schema. */
export async function queryLastSync(warehouse: Pick<Warehouse, 'query'>): Promise<LastSync | null> {
  const [exists] = await warehouse.query<{ n: bigint }>(
    `select count(*) as n from information_schema.tables where table_schema = 'meta' and table_name = 'sync_runs'`,
  );
  if (!exists || exists.n === 0n) return null;
  // Timestamps as epoch milliseconds: the instant, with no time-zone conversion on the way.
  const [row] = await warehouse.query<RawSyncRun>(
    `select run_id, mode, status, epoch_ms(started_at) as started_ms, epoch_ms(finished_at) as finished_ms,
       rows_quarantined, reconciliation_ok, error
     from meta.sync_runs order by run_id desc limit 1`,
  );
  if (!row) return null;
  return {
    runId: row.run_id,
    mode: row.mode,
    status: row.status,
    startedAt: new Date(Number(row.started_ms)).toISOString(),
    finishedAt: row.finished_ms === null ? null : new Date(Number(row.finished_ms)).toISOString(),
    rowsQuarantined: row.rows_quarantined,
    reconciliationOk: row.reconciliation_ok,
    error: row.error,
  };
}
