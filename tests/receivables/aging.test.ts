import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agingInvoices, agingReport, customerAgingInvoices } from '../../app/lib/server/receivables/aging.ts';
import { collectionMetrics } from '../../app/lib/server/receivables/metrics.ts';
import { agingParams } from '../../app/lib/server/receivables/params.ts';
import type { Warehouse } from '../../pipelines/warehouse/connection.ts';
import { openReceivablesFixture, type ReceivablesFixture } from './fixture.ts';

// The billing history and its hand-computed figures: ./fixture.ts.

describe('receivables: open balances and aging as of any date', () => {
  let fixture: ReceivablesFixture;
  let warehouse: Warehouse;
  const params = (q: string) => agingParams(new URLSearchParams(q), '2026-03-31');

  beforeAll(async () => {
    fixture = await openReceivablesFixture();
    warehouse = fixture.warehouse;
    expect(fixture.rowsQuarantined).toBe(0);
  });
  afterAll(async () => {
    await fixture?.close();
  });

  it('ages every open invoice as of the end of 31 March, Moscow time', async () => {
    const rows = await agingInvoices(warehouse, params('asOf=2026-03-31'), { currency: 'RUB', bucket: null });
    expect(rows.map((r) => [r.invoiceId, r.openMinor, r.ageDays, r.bucket]).sort()).toEqual([
      ['A', 6000n, 21, 1],
      ['B', 4000n, 75, 3],
      ['C', 3000n, -5, 0],
      ['D', 2000n, 44, 2],
      ['H', 800n, 30, 1],
    ]);
    const usd = await agingInvoices(warehouse, params('asOf=2026-03-31'), { currency: 'USD', bucket: null });
    expect(usd.map((r) => [r.invoiceId, r.openMinor, r.ageDays, r.bucket])).toEqual([['E', 700n, 167, 5]]);
  });

  it("one customer's invoices (the case page's scoped scan) are exactly that customer's rows of the whole aging, on every date", async () => {
    for (const asOf of ['2026-01-31', '2026-03-31', '2026-04-15', '2026-06-30']) {
      const p = params(`asOf=${asOf}&groupBy=customer`);
      const everyone = [
        ...(await agingInvoices(warehouse, p, { currency: 'RUB', bucket: null, limit: 1000 })),
        ...(await agingInvoices(warehouse, p, { currency: 'USD', bucket: null, limit: 1000 })),
      ];
      const customers = [...new Set(everyone.map((r) => r.customerId))];
      expect(customers.length, asOf).toBeGreaterThan(0);
      for (const customerId of customers) {
        const scoped = await customerAgingInvoices(warehouse, p, customerId);
        const key = (r: { invoiceId: string }) => r.invoiceId;
        expect(scoped.map(key).sort(), `${asOf} ${customerId}`).toEqual(everyone.filter((r) => r.customerId === customerId).map(key).sort());
        expect(scoped, `${asOf} ${customerId}`).toEqual(expect.arrayContaining(everyone.filter((r) => r.customerId === customerId)));
        // and the drill by customer key, which scopes its scan the same way, gives the same rows
        const drilled = await agingInvoices(warehouse, p, { currency: scoped[0]!.currency, bucket: null, groupBy: 'customer', key: customerId });
        expect(drilled).toEqual(expect.arrayContaining(everyone.filter((r) => r.customerId === customerId && r.currency === scoped[0]!.currency)));
      }
    }
    // the sync built the index the case page's lookup of balance changes goes through
    expect(await warehouse.query("SELECT index_name FROM duckdb_indexes() WHERE schema_name = 'marts' AND table_name = 'fct_invoice_balance_changes'")).toEqual([
      { index_name: 'fct_invoice_balance_changes__invoice_id' },
    ]);
  });

  it('bucket totals equal the sum of open balances, per currency, to the minor unit', async () => {
    const report = await agingReport(warehouse, params('asOf=2026-03-31&groupBy=segment'));
    expect(report.buckets.map((b) => b.label)).toEqual(['Current', '1–30', '31–60', '61–90', '91–120', '121+']);
    const rub = report.totals.find((t) => t.currency === 'RUB')!;
    expect(rub.buckets).toEqual([3000n, 6800n, 2000n, 4000n, 0n, 0n]);
    expect(rub.total).toBe(6000n + 4000n + 3000n + 2000n + 800n);
    expect(report.totals.find((t) => t.currency === 'USD')!.buckets).toEqual([0n, 0n, 0n, 0n, 0n, 700n]);
    const bySegment = report.rows.filter((r) => r.currency === 'RUB').map((r) => [r.key, r.total]);
    expect(bySegment).toEqual([['consumer', 9000n], ['smb', 6800n]]);
  });

  it('reproduces later dates: the late payment, the voiding and the April payment count from their own day', async () => {
    const first = await agingInvoices(warehouse, params('asOf=2026-04-01'), { currency: 'RUB', bucket: null });
    expect(first.find((r) => r.invoiceId === 'H')).toBeUndefined();
    expect(first.find((r) => r.invoiceId === 'D')?.openMinor).toBe(2000n);
    const end = await agingReport(warehouse, params('asOf=2026-04-30&groupBy=currency'));
    // A fully paid on 10 Apr, D voided on 2 Apr: B 4000 (105 dpd) and C 3000 (25 dpd) remain
    expect(end.totals.find((t) => t.currency === 'RUB')!.buckets).toEqual([0n, 3000n, 0n, 0n, 4000n, 0n]);
  });

  it('ages by invoice date with custom buckets', async () => {
    const report = await agingReport(warehouse, params('asOf=2026-03-31&basis=invoice_date&buckets=15,45&groupBy=currency'));
    expect(report.buckets.map((b) => b.label)).toEqual(['≤ 15', '16–45', '46+']);
    // days since issue (Moscow dates): A 31, B 90, C 11, D 59, H 45
    expect(report.totals.find((t) => t.currency === 'RUB')!.buckets).toEqual([3000n, 6000n + 800n, 4000n + 2000n]);
  });

  it('rejects bad input with a code', async () => {
    expect(() => params('asOf=2026-02-30')).toThrow(expect.objectContaining({ code: 'BAD_AS_OF' }));
    expect(() => params('buckets=30,10')).toThrow(expect.objectContaining({ code: 'BAD_BUCKETS' }));
    expect(() => params("buckets=0;DROP TABLE x")).toThrow(expect.objectContaining({ code: 'BAD_BUCKETS' }));
    expect(() => params('basis=paid')).toThrow(expect.objectContaining({ code: 'BAD_BASIS' }));
    await expect(agingInvoices(warehouse, params(''), { currency: 'RUB', bucket: 9 })).rejects.toMatchObject({ code: 'BAD_BUCKET' });
  });

  it('computes DSO, best possible DSO, ADD, % current and CEI from month-end balances', async () => {
    const months = await collectionMetrics(warehouse, { currency: 'RUB', ceiVariant: 'period_sales' });
    const march = months.find((m) => m.month === '2026-03')!;
    // end of March: AR 15800 (A 6000, B 4000, C 3000, D 2000, H 800); current (not yet due) C 3000
    // March sales: C 3000 (A and F were issued 1 Mar Moscow = 28 Feb 21:00Z, which is March locally)
    expect(march.arMinor).toBe(15800n);
    expect(march.arCurrentMinor).toBe(3000n);
    expect(march.creditSalesMinor).toBe(10000n + 1000n + 3000n);
    expect(march.dsoStandard).toBeCloseTo((15800 / 14000) * 31, 1);
    expect(march.bestPossibleDso).toBeCloseTo((3000 / 14000) * 31, 1);
    expect(march.addDays).toBeCloseTo(((15800 - 3000) / 14000) * 31, 1);
    expect(march.pctCurrent).toBeCloseTo((3000 / 15800) * 100, 1);
    // countback: March sales 14000 cover 31 days, the other 1800 of Feb's 2800 (D 2000 + H 800) → 1800/2800 × 28 days
    expect(march.dsoCountback).toBeCloseTo(31 + (1800 / 2800) * 28, 1);
  });
});
