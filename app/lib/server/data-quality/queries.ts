import { CONTRACT_TABLE_NAMES } from '../../../../pipelines/source/contract.ts';
import type { Warehouse } from '../../../../pipelines/warehouse/connection.ts';
import type {
  QuarantinedRowsPage,
  QuarantineSummary,
  ReconciliationCheck,
  SyncRun,
  SyncRunDetail,
  SyncTableStat,
} from '../../data-quality/types.ts';
import { selectSyncRuns } from '../sync/last-sync.ts';
import { SyncRunNotFoundError } from './errors.ts';
import { checkPaging, checkRuleName, checkTableName, MAX_PAGE_LIMIT } from './params.ts';

/** The only dependency: parameterised reads. */
export type WarehouseReader = Pick<Warehouse, 'query'>;

/** How many runs the history shows. */
export const SYNC_HISTORY_LIMIT = 50;

async function tableExists(warehouse: WarehouseReader, schema: string, table: string): Promise<boolean> {
  const [row] = await warehouse.query<{ n: bigint }>(
    'select count(*) as n from information_schema.tables where table_schema = $1 and table_name = $2',
    [schema, table],
  );
  return (row?.n ?? 0n) > 0n;
}

const tableOrder = (name: string) => {
  const i = (CONTRACT_TABLE_NAMES as readonly string[]).indexOf(name);
  return i === -1 ? CONTRACT_TABLE_NAMES.length : i;
};
const byContractOrder = (a: string, b: string) => tableOrder(a) - tableOrder(b) || a.localeCompare(b);

/** The latest sync runs, newest first (at most `limit`, default 50); empty before the meta schema exists. */
export async function querySyncRuns(warehouse: WarehouseReader, limit = SYNC_HISTORY_LIMIT): Promise<SyncRun[]> {
  checkPaging(limit, 0, SYNC_HISTORY_LIMIT);
  if (!(await tableExists(warehouse, 'meta', 'sync_runs'))) return [];
  return selectSyncRuns(warehouse, 'order by run_id desc limit $1', [BigInt(limit)]);
}

/** One sync run; null when there is no such run. */
export async function querySyncRun(warehouse: WarehouseReader, runId: bigint): Promise<SyncRun | null> {
  if (!(await tableExists(warehouse, 'meta', 'sync_runs'))) return null;
  const [run] = await selectSyncRuns(warehouse, 'where run_id = $1', [runId]);
  return run ?? null;
}

/** The newest run with status 'succeeded' (the one whose snapshot readers see); null if none. */
export async function queryLatestSucceededRunId(warehouse: WarehouseReader): Promise<bigint | null> {
  if (!(await tableExists(warehouse, 'meta', 'sync_runs'))) return null;
  const [row] = await warehouse.query<{ run_id: bigint | null }>(`select max(run_id) as run_id from meta.sync_runs where status = 'succeeded'`);
  return row?.run_id ?? null;
}

/** Per-table stats of one run, in contract order; empty for runs that did not succeed. */
export async function querySyncTableStats(warehouse: WarehouseReader, runId: bigint): Promise<SyncTableStat[]> {
  const rows = await warehouse.query<{
    table_name: string;
    rows_extracted: bigint;
    rows_deleted: bigint;
    rows_in_warehouse: bigint;
    rows_quarantined: bigint;
    extract_ms: bigint;
  }>(
    `select table_name, rows_extracted, rows_deleted, rows_in_warehouse, rows_quarantined, extract_ms
     from meta.sync_table_stats where run_id = $1`,
    [runId],
  );
  return rows
    .map((r) => ({
      tableName: r.table_name,
      rowsExtracted: r.rows_extracted,
      rowsDeleted: r.rows_deleted,
      rowsInWarehouse: r.rows_in_warehouse,
      rowsQuarantined: r.rows_quarantined,
      extractMs: r.extract_ms,
    }))
    .sort((a, b) => byContractOrder(a.tableName, b.tableName));
}

/**
 * The reconciliation checks of one run: per table (contract order), currency (row counts without
 * a currency first) and measure ('rows' first). Values are HUGEINT in the warehouse and bigint here.
 */
export async function queryReconciliation(warehouse: WarehouseReader, runId: bigint): Promise<ReconciliationCheck[]> {
  const rows = await warehouse.query<{
    table_name: string;
    currency: string | null;
    measure: string;
    source_value: bigint;
    warehouse_value: bigint;
    ok: boolean;
  }>(
    `select table_name, currency, measure, source_value, warehouse_value, ok
     from meta.reconciliation where run_id = $1
     order by currency nulls first, measure <> 'rows', measure`,
    [runId],
  );
  // Array.prototype.sort is stable: the SQL order holds within a table.
  return rows
    .map((r) => ({
      tableName: r.table_name,
      currency: r.currency,
      measure: r.measure,
      sourceValue: BigInt(r.source_value),
      warehouseValue: BigInt(r.warehouse_value),
      ok: r.ok,
    }))
    .sort((a, b) => byContractOrder(a.tableName, b.tableName));
}

/** A run with its table stats and reconciliation; SyncRunNotFoundError (404) when there is no such run. */
export async function querySyncRunDetail(warehouse: WarehouseReader, runId: bigint): Promise<SyncRunDetail> {
  const run = await querySyncRun(warehouse, runId);
  if (!run) throw new SyncRunNotFoundError(runId);
  const [tables, reconciliation] = await Promise.all([querySyncTableStats(warehouse, runId), queryReconciliation(warehouse, runId)]);
  return { run, tables, reconciliation };
}

/**
 * The quarantine of the current snapshot (staging.contract_violations, rebuilt by each succeeded
 * sync): distinct rows per table and rule with an example detail, and the distinct rows overall.
 * Empty before the first sync built the model.
 */
export async function queryQuarantineSummary(warehouse: WarehouseReader): Promise<QuarantineSummary> {
  if (!(await tableExists(warehouse, 'staging', 'contract_violations'))) return { totalRows: 0n, rules: [] };
  const rows = await warehouse.query<{ table_name: string; rule: string; n: bigint; example: string }>(
    `select table_name, rule, count(distinct row_id) as n, arg_min(detail, (row_id, detail)) as example
     from staging.contract_violations
     group by table_name, rule
     order by rule`,
  );
  const [total] = await warehouse.query<{ n: bigint }>(
    'select count(*) as n from (select distinct table_name, row_id from staging.contract_violations)',
  );
  return {
    totalRows: total?.n ?? 0n,
    rules: rows
      .map((r) => ({ tableName: r.table_name, rule: r.rule, rows: r.n, exampleDetail: r.example }))
      .sort((a, b) => byContractOrder(a.tableName, b.tableName)),
  };
}

/**
 * One page of the rows of `table` quarantined under `rule`, ordered by row id; one entry per row
 * (several reasons under the same rule, e.g. two quarantined parents, are joined with "; ").
 * Validates its input: DataQualityInputError for an unknown table, a malformed rule or bad paging.
 * A well-formed rule that matches nothing gives an empty page.
 */
export async function queryQuarantinedRows(
  warehouse: WarehouseReader,
  input: { table: string; rule: string; limit?: number; offset?: number },
  maxLimit = MAX_PAGE_LIMIT,
): Promise<QuarantinedRowsPage> {
  const table = checkTableName(input.table);
  const rule = checkRuleName(input.rule);
  const { limit, offset } = checkPaging(input.limit ?? 50, input.offset ?? 0, maxLimit);
  if (!(await tableExists(warehouse, 'staging', 'contract_violations'))) {
    return { tableName: table, rule, total: 0n, limit, offset, rows: [] };
  }
  const [count] = await warehouse.query<{ n: bigint }>(
    'select count(distinct row_id) as n from staging.contract_violations where table_name = $1 and rule = $2',
    [table, rule],
  );
  const rows = await warehouse.query<{ row_id: string; detail: string }>(
    `select row_id, string_agg(distinct detail, '; ' order by detail) as detail
     from staging.contract_violations
     where table_name = $1 and rule = $2
     group by row_id
     order by row_id
     limit $3 offset $4`,
    [table, rule, BigInt(limit), BigInt(offset)],
  );
  return {
    tableName: table,
    rule,
    total: count?.n ?? 0n,
    limit,
    offset,
    rows: rows.map((r) => ({ rowId: r.row_id, rule, detail: r.detail })),
  };
}
