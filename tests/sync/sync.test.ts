import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT, CONTRACT_TABLE_NAMES } from '../../pipelines/source/contract.ts';
import { runSync, type SyncResult } from '../../pipelines/sync/run-sync.ts';
import type { Warehouse } from '../../pipelines/warehouse/connection.ts';
import { createTestBillingDatabase, type TestBillingDatabase } from '../support/billing-database.ts';
import { openTestWarehouse, tempDataDir, warehouseFingerprint } from '../support/warehouse.ts';

const TZ = 'Europe/Moscow';
const AS_OF = new Date('2026-11-20T09:30:00Z');

describe('sync from the billing database into the warehouse', () => {
  let billing: TestBillingDatabase;
  const tmp = tempDataDir();
  let warehouse: Warehouse;
  let first: SyncResult;
  const sync = (mode: 'full' | 'incremental' | 'auto', w = warehouse) =>
    runSync({ source: billing.pool, warehouse: w, timezone: TZ, workDir: path.join(tmp.dir, 'tmp'), mode, chunkBytes: 256 * 1024 });

  beforeAll(async () => {
    billing = await createTestBillingDatabase();
    await billing.seed({ scale: 'XS', seed: 3, asOf: AS_OF, timezone: TZ });
    warehouse = await openTestWarehouse(tmp.dir);
    first = await sync('auto');
  });
  afterAll(async () => {
    warehouse?.close();
    await billing?.drop();
    tmp.remove();
  });

  it('the contract tables in the DDL are exactly those the sync reads, column for column', async () => {
    const { rows } = await billing.pool.query<{ table_name: string; columns: string }>(
      `SELECT table_name, string_agg(column_name, ',' ORDER BY ordinal_position) AS columns
       FROM information_schema.columns WHERE table_schema = 'billing' GROUP BY table_name ORDER BY table_name`,
    );
    const expected = CONTRACT.map((t) => ({ table_name: t.name, columns: t.columns.map((c) => c.name).join(',') })).sort((a, b) => a.table_name.localeCompare(b.table_name));
    expect(rows).toEqual(expected);
  });

  it('a first sync is full, succeeds and copies every source row', async () => {
    expect(first).toMatchObject({ mode: 'full', status: 'succeeded', reconciliationOk: true });
    for (const table of CONTRACT_TABLE_NAMES) {
      const { rows } = await billing.pool.query<{ n: bigint }>(`SELECT count(*) AS n FROM billing.${table}`);
      const [{ n }] = await warehouse.query<{ n: bigint }>(`SELECT count(*) AS n FROM raw.${table}`);
      expect(n, table).toBe(rows[0]!.n);
    }
    const [run] = await warehouse.query("SELECT status, mode, reconciliation_ok, rows_extracted FROM meta.sync_runs WHERE run_id = $1", [first.runId]);
    expect(run).toEqual({ status: 'succeeded', mode: 'full', reconciliation_ok: true, rows_extracted: BigInt(first.rowsExtracted) });
  });

  it('reconciles row counts and money per table and currency with the source to the minor unit', async () => {
    const recon = await warehouse.query<{ table_name: string; currency: string | null; measure: string; source_value: bigint; warehouse_value: bigint; ok: boolean }>(
      'SELECT table_name, currency, measure, source_value, warehouse_value, ok FROM meta.reconciliation WHERE run_id = $1', [first.runId]);
    expect(recon.length).toBeGreaterThan(20);
    expect(recon.every((r) => r.ok && r.source_value === r.warehouse_value)).toBe(true);
    // and independently: invoice totals per currency straight from Postgres
    const { rows } = await billing.pool.query<{ currency: string; total: string }>('SELECT currency, sum(total_minor)::text AS total FROM billing.invoices GROUP BY 1');
    for (const r of rows) {
      const w = recon.find((x) => x.table_name === 'invoices' && x.currency === r.currency && x.measure === 'total_minor');
      expect(w?.warehouse_value, r.currency).toBe(BigInt(r.total));
    }
  });

  it('quarantines each deliberately bad row with its reason, and counts them', async () => {
    const rows = await warehouse.query<{ row_id: string; rule: string }>(
      "SELECT row_id, rule FROM staging.contract_violations WHERE row_id LIKE 'bad_%' ORDER BY row_id, rule");
    expect(rows).toEqual(expect.arrayContaining([
      { row_id: 'bad_due_before_issue_1', rule: 'due_before_issue' },
      { row_id: 'bad_duplicate_number_1', rule: 'duplicate_number' },
      { row_id: 'bad_negative_total_1', rule: 'negative_total' },
      { row_id: 'bad_negative_usage_1', rule: 'negative_quantity' },
      { row_id: 'bad_orphan_customer_1', rule: 'orphan_customer' },
      { row_id: 'bad_orphan_invoice_1', rule: 'orphan_invoice' },
      { row_id: 'bad_orphan_payment_1', rule: 'orphan_payment' },
      { row_id: 'bad_over_allocation_1', rule: 'parent_quarantined' },
      { row_id: 'bad_unknown_currency_1', rule: 'unknown_currency' },
    ]));
    const [{ n }] = await warehouse.query<{ n: bigint }>('SELECT count(DISTINCT (table_name, row_id)) AS n FROM staging.contract_violations');
    expect(first.rowsQuarantined).toBe(Number(n));
    const stats = await warehouse.query<{ q: bigint }>('SELECT sum(rows_quarantined) AS q FROM meta.sync_table_stats WHERE run_id = $1', [first.runId]);
    expect(stats[0]!.q).toBe(n);
    // quarantined rows are in no figure: the bad invoice's negative total is not in the mart
    const [{ staged }] = await warehouse.query<{ staged: bigint }>("SELECT count(*) AS staged FROM staging.stg_billing__invoices WHERE id LIKE 'bad_%'");
    expect(staged).toBe(0n);
  });

  it('the revenue mart reconciles to the source invoices and payments it did not quarantine', async () => {
    const quarantined = (await warehouse.query<{ row_id: string }>("SELECT DISTINCT row_id FROM staging.contract_violations WHERE table_name IN ('invoices', 'payments')")).map((r) => r.row_id);
    const { rows } = await billing.pool.query<{ currency: string; invoiced: string }>(
      `SELECT currency, sum(total_minor)::text AS invoiced FROM billing.invoices
       WHERE status IN ('open', 'paid', 'uncollectible') AND NOT (id = ANY($1)) GROUP BY 1`, [quarantined]);
    const { rows: paid } = await billing.pool.query<{ currency: string; collected: string }>(
      `SELECT currency, sum(amount_minor)::text AS collected FROM billing.payments
       WHERE status IN ('succeeded', 'refunded', 'charged_back') AND NOT (id = ANY($1)) GROUP BY 1`, [quarantined]);
    const mart = await warehouse.query<{ currency: string; invoiced: bigint; collected: bigint }>(
      'SELECT currency, sum(invoiced_minor)::BIGINT AS invoiced, sum(collected_minor)::BIGINT AS collected FROM marts.revenue_monthly GROUP BY 1');
    for (const r of rows) expect(mart.find((m) => m.currency === r.currency)?.invoiced, r.currency).toBe(BigInt(r.invoiced));
    for (const r of paid) expect(mart.find((m) => m.currency === r.currency)?.collected, r.currency).toBe(BigInt(r.collected));
  });

  it('buckets months in the business time zone: an invoice issued 00:00 Moscow on the 1st is in that month', async () => {
    const [row] = await warehouse.query<{ utc_month: number; local_month: number }>(
      `SELECT month(issued_at AT TIME ZONE 'UTC')::INTEGER AS utc_month, month(issued_local)::INTEGER AS local_month
       FROM staging.stg_billing__invoices WHERE id NOT LIKE 'bad_%' ORDER BY issued_at LIMIT 1`);
    expect(row!.local_month).toBe(row!.utc_month === 12 ? 1 : row!.utc_month + 1);
  });

  it('an incremental sync reads only changed rows, applies updates, inserts and deletes, and matches a full sync', async () => {
    const c = await billing.pool.connect();
    try {
      await c.query('BEGIN');
      await c.query(`UPDATE billing.invoices SET status = 'void', voided_at = now(), updated_at = now()
        WHERE id IN (SELECT id FROM billing.invoices WHERE status = 'open' AND id NOT LIKE 'bad_%' ORDER BY id LIMIT 3)`);
      await c.query(`INSERT INTO billing.payments (id, customer_id, received_at, amount_minor, currency, method, status, refunded_minor, updated_at)
        VALUES ('pay_new_1', 'cus_000002', now(), 123456, 'RUB', 'card', 'succeeded', 0, now())`);
      await c.query(`DELETE FROM billing.usage_records WHERE id IN (SELECT id FROM billing.usage_records WHERE id NOT LIKE 'bad_%' ORDER BY id LIMIT 5)`);
      await c.query(`DELETE FROM billing.invoice_lines WHERE id IN (SELECT id FROM billing.invoice_lines WHERE kind = 'late_fee' ORDER BY id LIMIT 1)`);
      await c.query('COMMIT');
    } finally {
      c.release();
    }
    const inc = await sync('auto');
    expect(inc).toMatchObject({ mode: 'incremental', status: 'succeeded', reconciliationOk: true });
    expect(inc.rowsExtracted).toBeLessThan(first.rowsExtracted / 10);
    expect(inc.rowsDeleted).toBe(6);
    const [{ n }] = await warehouse.query<{ n: bigint }>("SELECT count(*) AS n FROM raw.payments WHERE id = 'pay_new_1'");
    expect(n).toBe(1n);

    // a removed late-fee line makes its invoice break I2 (lines no longer sum to the subtotal): quarantined
    const [{ mismatched }] = await warehouse.query<{ mismatched: bigint }>("SELECT count(*) AS mismatched FROM staging.contract_violations WHERE rule = 'lines_mismatch'");
    expect(mismatched).toBe(1n);

    const other = tempDataDir();
    const fresh = await openTestWarehouse(other.dir);
    try {
      await sync('full', fresh);
      expect(await warehouseFingerprint(warehouse)).toEqual(await warehouseFingerprint(fresh));
    } finally {
      fresh.close();
      other.remove();
    }
  });

  it('a failed sync leaves the previous snapshot in place and records why', async () => {
    const before = await warehouseFingerprint(warehouse);
    await billing.pool.query("UPDATE billing.customers SET updated_at = now() WHERE id = 'cus_000001'");
    await billing.pool.query('ALTER TABLE billing.usage_records RENAME COLUMN unit TO unit_name');
    try {
      await expect(sync('auto')).rejects.toMatchObject({ code: 'SYNC_FAILED' });
    } finally {
      await billing.pool.query('ALTER TABLE billing.usage_records RENAME COLUMN unit_name TO unit');
    }
    expect(await warehouseFingerprint(warehouse)).toEqual(before);
    const [run] = await warehouse.query<{ status: string; error: string }>('SELECT status, error FROM meta.sync_runs ORDER BY run_id DESC LIMIT 1');
    expect(run!.status).toBe('failed');
    expect(run!.error).toMatch(/unit/);
    expect((await sync('auto')).status).toBe('succeeded');
  });
});
