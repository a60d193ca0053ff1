import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_TABLE_NAMES } from '../../../../pipelines/source/contract.ts';
import { runSync, type SyncResult } from '../../../../pipelines/sync/run-sync.ts';
import type { Warehouse } from '../../../../pipelines/warehouse/connection.ts';
import { createTestBillingDatabase, type TestBillingDatabase } from '../../../../tests/support/billing-database.ts';
import { openTestWarehouse, tempDataDir } from '../../../../tests/support/warehouse.ts';
import { quarantinedRowsCsv, quarantinedRowsCsvFilename } from './csv.ts';
import { DataQualityInputError, SyncRunNotFoundError } from './errors.ts';
import { loadDataQualityPage, parseDataQualityPageInput } from './load.ts';
import { MAX_CSV_LIMIT, parseQuarantineRowsInput, parseRunId, parseSyncMode } from './params.ts';
import {
  queryLatestSucceededRunId,
  queryQuarantinedRows,
  queryQuarantineSummary,
  queryReconciliation,
  querySyncRunDetail,
  querySyncRuns,
} from './queries.ts';

const TZ = 'Europe/Moscow';
const AS_OF = new Date('2026-11-20T09:30:00Z');

/** The rules the demo generator breaks on purpose (pipelines/generate), one bad row each. */
const DELIBERATE_RULES = [
  'negative_total',
  'due_before_issue',
  'duplicate_number',
  'orphan_customer',
  'unknown_currency',
  'orphan_payment',
  'orphan_invoice',
  'negative_quantity',
];

/** The error a call rejects or throws with, for matching on class and code. */
async function failure(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure');
}

describe('data-quality queries over a warehouse built by the real sync', () => {
  let billing: TestBillingDatabase;
  const tmp = tempDataDir('ledgerlens-data-quality-');
  let warehouse: Warehouse;
  let full: SyncResult;
  let incremental: SyncResult;

  beforeAll(async () => {
    billing = await createTestBillingDatabase();
    await billing.seed({ scale: 'XS', seed: 3, asOf: AS_OF, timezone: TZ });
    warehouse = await openTestWarehouse(tmp.dir);
    const sync = (mode: 'full' | 'incremental') =>
      runSync({ source: billing.pool, warehouse, timezone: TZ, workDir: path.join(tmp.dir, 'tmp'), mode });
    full = await sync('full');
    incremental = await sync('incremental');
  });
  afterAll(async () => {
    warehouse?.close();
    await billing?.drop();
    tmp.remove();
  });

  it('lists the sync history newest first, with what each run did', async () => {
    const runs = await querySyncRuns(warehouse);
    expect(runs.map((r) => [r.runId, r.mode, r.status, r.reconciliationOk])).toEqual([
      [BigInt(incremental.runId), 'incremental', 'succeeded', true],
      [BigInt(full.runId), 'full', 'succeeded', true],
    ]);
    const [latest, first] = runs;
    expect(first).toMatchObject({
      rowsExtracted: BigInt(full.rowsExtracted),
      rowsDeleted: 0n,
      rowsQuarantined: BigInt(full.rowsQuarantined),
      error: null,
    });
    expect(first!.durationMs).toBe(Date.parse(first!.finishedAt!) - Date.parse(first!.startedAt));
    expect(first!.durationMs).toBeGreaterThanOrEqual(0);
    expect(latest!.rowsExtracted).toBeLessThan(first!.rowsExtracted!);
    expect(await querySyncRuns(warehouse, 1)).toHaveLength(1);
    expect(await queryLatestSucceededRunId(warehouse)).toBe(BigInt(incremental.runId));
  });

  it('gives a run its per-table stats and reconciliation, HUGEINT as bigint', async () => {
    const detail = await querySyncRunDetail(warehouse, BigInt(full.runId));
    expect(detail.tables.map((t) => t.tableName)).toEqual([...CONTRACT_TABLE_NAMES]);
    expect(detail.tables.reduce((s, t) => s + t.rowsExtracted, 0n)).toBe(BigInt(full.rowsExtracted));
    expect(detail.tables.reduce((s, t) => s + t.rowsQuarantined, 0n)).toBe(BigInt(full.rowsQuarantined));
    const recon = detail.reconciliation;
    expect(recon.length).toBeGreaterThan(20);
    expect(recon.every((r) => r.ok && typeof r.sourceValue === 'bigint' && r.sourceValue === r.warehouseValue)).toBe(true);
    // contract order of tables, and each table's row count before its money measures
    expect([...new Set(recon.map((r) => r.tableName))]).toEqual([...CONTRACT_TABLE_NAMES]);
    const invoices = recon.filter((r) => r.tableName === 'invoices');
    expect(invoices[0]).toMatchObject({ measure: 'rows' });
    const totals = invoices.filter((r) => r.measure === 'total_minor');
    expect(totals.length).toBeGreaterThan(0);
    for (const t of totals) {
      const [{ n }] = await warehouse.query<{ n: bigint }>(
        'select coalesce(sum(total_minor), 0)::hugeint as n from raw.invoices where currency = $1',
        [t.currency],
      );
      expect(t.warehouseValue, t.currency ?? 'null').toBe(n);
    }
  });

  it('rejects a run that does not exist', async () => {
    const err = await failure(() => querySyncRunDetail(warehouse, 999n));
    expect(err).toBeInstanceOf(SyncRunNotFoundError);
    expect(err).toMatchObject({ code: 'RUN_NOT_FOUND', status: 404 });
    expect(await queryReconciliation(warehouse, 999n)).toEqual([]);
  });

  it('summarises the quarantine by table and rule, with the deliberately bad rows', async () => {
    const summary = await queryQuarantineSummary(warehouse);
    const rules = new Set(summary.rules.map((r) => r.rule));
    for (const rule of DELIBERATE_RULES) expect(rules, rule).toContain(rule);
    const [{ n }] = await warehouse.query<{ n: bigint }>(
      'select count(distinct (table_name, row_id)) as n from staging.contract_violations',
    );
    expect(summary.totalRows).toBe(n);
    expect(summary.totalRows).toBe(BigInt(incremental.rowsQuarantined));
    // a row breaking two rules counts under both but once in the total
    expect(summary.rules.reduce((s, r) => s + r.rows, 0n)).toBeGreaterThanOrEqual(summary.totalRows);
    expect(summary.rules.find((r) => r.tableName === 'invoices' && r.rule === 'negative_total')).toMatchObject({
      rows: 1n,
      exampleDetail: expect.stringMatching(/^total_minor is -\d+$/),
    });
    const order = summary.rules.map((r) => CONTRACT_TABLE_NAMES.indexOf(r.tableName as never));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('lists the quarantined rows of one table and rule, page by page', async () => {
    const summary = await queryQuarantineSummary(warehouse);
    const biggest = summary.rules.reduce((a, b) => (b.rows > a.rows ? b : a));
    expect(biggest.rows).toBeGreaterThanOrEqual(3n);
    const input = { table: biggest.tableName, rule: biggest.rule };
    const all = await queryQuarantinedRows(warehouse, { ...input, limit: 500 });
    expect(all.total).toBe(biggest.rows);
    expect(BigInt(all.rows.length)).toBe(biggest.rows);
    expect(all.rows.map((r) => r.rowId)).toEqual(all.rows.map((r) => r.rowId).sort());
    const first = await queryQuarantinedRows(warehouse, { ...input, limit: 2 });
    const second = await queryQuarantinedRows(warehouse, { ...input, limit: 2, offset: 2 });
    expect(first).toMatchObject({ total: biggest.rows, limit: 2, offset: 0 });
    expect([...first.rows, ...second.rows]).toEqual(all.rows.slice(0, 4));
    const past = await queryQuarantinedRows(warehouse, { ...input, limit: 2, offset: all.rows.length });
    expect(past.rows).toEqual([]);

    const negative = await queryQuarantinedRows(warehouse, { table: 'invoices', rule: 'negative_total' });
    expect(negative.rows).toEqual([{ rowId: 'bad_negative_total_1', rule: 'negative_total', detail: expect.stringMatching(/^total_minor is -/) }]);
    expect(await queryQuarantinedRows(warehouse, { table: 'plans', rule: 'no_such_rule' })).toMatchObject({ total: 0n, rows: [] });
  });

  it('rejects a bad table, rule or paging before touching SQL', async () => {
    const cases: [Parameters<typeof queryQuarantinedRows>[1], string, string][] = [
      [{ table: 'raw.invoices', rule: 'negative_total' }, 'BAD_TABLE', 'table'],
      [{ table: 'invoices; drop table raw.invoices', rule: 'negative_total' }, 'BAD_TABLE', 'table'],
      [{ table: 'invoices', rule: "x' or '1'='1" }, 'BAD_RULE', 'rule'],
      [{ table: 'invoices', rule: 'Negative_Total' }, 'BAD_RULE', 'rule'],
      [{ table: 'invoices', rule: '' }, 'BAD_RULE', 'rule'],
      [{ table: 'invoices', rule: 'negative_total', limit: 0 }, 'BAD_LIMIT', 'limit'],
      [{ table: 'invoices', rule: 'negative_total', limit: 501 }, 'BAD_LIMIT', 'limit'],
      [{ table: 'invoices', rule: 'negative_total', limit: 1.5 }, 'BAD_LIMIT', 'limit'],
      [{ table: 'invoices', rule: 'negative_total', offset: -1 }, 'BAD_OFFSET', 'offset'],
    ];
    for (const [input, code, param] of cases) {
      const err = await failure(() => queryQuarantinedRows(warehouse, input));
      expect(err, JSON.stringify(input)).toBeInstanceOf(DataQualityInputError);
      expect(err).toMatchObject({ code, param, status: 400 });
    }
    expect(await failure(() => querySyncRuns(warehouse, 51))).toMatchObject({ code: 'BAD_LIMIT' });
  });

  it('loads the page: the latest succeeded run by default, one rule\'s rows when asked', async () => {
    const page = await loadDataQualityPage(warehouse, parseDataQualityPageInput(new URLSearchParams('table=invoices&rule=due_before_issue')));
    expect(page.runs).toHaveLength(2);
    expect(page.selected?.run.runId).toBe(BigInt(incremental.runId));
    expect(page.rows).toMatchObject({ tableName: 'invoices', rule: 'due_before_issue', total: 1n });
    const older = await loadDataQualityPage(warehouse, parseDataQualityPageInput(new URLSearchParams(`run=${full.runId}`)));
    expect(older.selected?.run.runId).toBe(BigInt(full.runId));
    expect(older.rows).toBeNull();
    await expect(loadDataQualityPage(warehouse, { runId: 404n })).rejects.toBeInstanceOf(SyncRunNotFoundError);
  });

  it('writes a rule\'s rows as CSV', async () => {
    const page = await queryQuarantinedRows(warehouse, { table: 'invoices', rule: 'negative_total' });
    const csv = quarantinedRowsCsv(page);
    expect(csv.split('\r\n')[0]).toBe('table,row_id,rule,detail');
    expect(csv).toMatch(/^invoices,bad_negative_total_1,negative_total,total_minor is -\d+\r$/m);
    expect(quarantinedRowsCsvFilename(page)).toBe('quarantine_invoices_negative_total.csv');
  });
});

describe('data-quality request parameters', () => {
  const rows = (query: string, options?: Parameters<typeof parseQuarantineRowsInput>[1]) =>
    parseQuarantineRowsInput(new URLSearchParams(query), options);

  it('reads table, rule and paging with defaults', () => {
    expect(rows('table=invoices&rule=negative_total')).toEqual({ table: 'invoices', rule: 'negative_total', limit: 50, offset: 0 });
    expect(rows('table=payments&rule=orphan_customer&limit=10&offset=20')).toMatchObject({ limit: 10, offset: 20 });
    expect(rows('table=payments&rule=x', { defaultLimit: MAX_CSV_LIMIT, maxLimit: MAX_CSV_LIMIT })).toMatchObject({ limit: MAX_CSV_LIMIT });
  });

  it('answers bad values with a code and the parameter at fault', () => {
    const code = (run: () => unknown) => {
      try {
        run();
      } catch (err) {
        expect(err).toBeInstanceOf(DataQualityInputError);
        return [(err as DataQualityInputError).code, (err as DataQualityInputError).param];
      }
      return null;
    };
    expect(code(() => rows('rule=negative_total'))).toEqual(['BAD_TABLE', 'table']);
    expect(code(() => rows('table=invoices'))).toEqual(['BAD_RULE', 'rule']);
    expect(code(() => rows('table=invoices&rule=a-b'))).toEqual(['BAD_RULE', 'rule']);
    expect(code(() => rows('table=invoices&rule=a&limit=ten'))).toEqual(['BAD_LIMIT', 'limit']);
    expect(code(() => rows('table=invoices&rule=a&limit=1e3'))).toEqual(['BAD_LIMIT', 'limit']);
    expect(code(() => rows('table=invoices&rule=a&limit=501'))).toEqual(['BAD_LIMIT', 'limit']);
    expect(code(() => rows('table=invoices&rule=a&offset=-5'))).toEqual(['BAD_OFFSET', 'offset']);
    expect(code(() => parseRunId('0'))).toEqual(['BAD_RUN_ID', 'runId']);
    expect(code(() => parseRunId('3; drop'))).toEqual(['BAD_RUN_ID', 'runId']);
    expect(code(() => parseSyncMode('partial'))).toEqual(['BAD_MODE', 'mode']);
    expect(code(() => parseDataQualityPageInput(new URLSearchParams('run=abc')))).toEqual(['BAD_RUN_ID', 'run']);
    expect(code(() => parseDataQualityPageInput(new URLSearchParams('rule=negative_total')))).toEqual(['BAD_TABLE', 'table']);
  });

  it('reads run ids and sync modes', () => {
    expect(parseRunId(' 12 ')).toBe(12n);
    expect(parseSyncMode(null)).toBeUndefined();
    expect(parseSyncMode('auto')).toBeUndefined();
    expect(parseSyncMode('incremental')).toBe('incremental');
    expect(parseDataQualityPageInput(new URLSearchParams(''))).toEqual({});
  });
});
