import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agingReport } from '../../app/lib/server/receivables/aging.ts';
import { collectionMetrics } from '../../app/lib/server/receivables/metrics.ts';
import { DEFAULT_BOUNDS } from '../../app/lib/server/receivables/params.ts';
import { agingTrend } from '../../app/lib/server/receivables/trend.ts';
import { openReceivablesFixture, type ReceivablesFixture } from './fixture.ts';

/**
 * The aging trend over the fixture of ./fixture.ts (business time zone Europe/Moscow), month ends
 * worked out by hand. Due-date buckets: Current, 1–30, 31–60, 61–90, 91–120, 121+.
 */
describe('aging trend: bucket totals at month ends', () => {
  let fixture: ReceivablesFixture;

  beforeAll(async () => {
    fixture = await openReceivablesFixture();
    expect(fixture.rowsQuarantined).toBe(0);
  });
  afterAll(async () => {
    await fixture?.close();
  });

  const trend = (currency: string, until: string, bounds = DEFAULT_BOUNDS.due_date) =>
    agingTrend(fixture.warehouse, { currency, basis: 'due_date', bounds, until });

  it('gives twelve month ends ending with the as-of day when it is a month end, RUB by hand', async () => {
    const t = await trend('RUB', '2026-04-30');
    expect(t.points.map((p) => p.asOf)).toEqual([
      '2025-05-31', '2025-06-30', '2025-07-31', '2025-08-31', '2025-09-30', '2025-10-31',
      '2025-11-30', '2025-12-31', '2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30',
    ]);
    expect(t.buckets.map((b) => b.label)).toEqual(['Current', '1–30', '31–60', '61–90', '91–120', '121+']);
    const byEnd = Object.fromEntries(t.points.map((p) => [p.asOf, p.buckets]));
    // B was issued at 2025-12-31T21:00Z, the very end of 31 Dec in Moscow: not yet open at that month end.
    expect(byEnd['2025-12-31']).toEqual([0n, 0n, 0n, 0n, 0n, 0n]);
    // 31 Jan: B 5000, 16 days past due (its credit note came on 1 Feb); D was issued at the end of that day.
    expect(byEnd['2026-01-31']).toEqual([0n, 5000n, 0n, 0n, 0n, 0n]);
    // 28 Feb: H 800 due 1 Mar (current), D 2000 13 dpd, B 4000 44 dpd; A and F were issued at the end of that day.
    expect(byEnd['2026-02-28']).toEqual([800n, 2000n, 4000n, 0n, 0n, 0n]);
    // 31 Mar: as in the aging report test; 30 Apr: B 4000 (105 dpd) and C 3000 (25 dpd).
    expect(byEnd['2026-03-31']).toEqual([3000n, 6800n, 2000n, 4000n, 0n, 0n]);
    expect(byEnd['2026-04-30']).toEqual([0n, 3000n, 0n, 0n, 4000n, 0n]);
    for (const p of t.points) expect(p.total).toBe(p.buckets.reduce((s, b) => s + b, 0n));
    expect(t.points.find((p) => p.asOf === '2026-03-31')!.invoices).toBe(5);
  });

  it('stops at the previous month end inside a month, and follows one invoice through the buckets (USD)', async () => {
    const t = await trend('USD', '2026-03-15');
    expect(t.points.at(-1)!.asOf).toBe('2026-02-28');
    expect(t.points.map((p) => [p.asOf, p.buckets.findIndex((b) => b === 700n)]).slice(-6)).toEqual([
      ['2025-09-30', -1], // E issued at the end of 30 Sep Moscow time: not open yet
      ['2025-10-31', 1], // 16 days past due
      ['2025-11-30', 2], // 46
      ['2025-12-31', 3], // 77
      ['2026-01-31', 4], // 108
      ['2026-02-28', 5], // 136
    ]);
  });

  it('agrees with the aging report of every month end, with custom buckets', async () => {
    const bounds = [0, 45];
    const t = await trend('RUB', '2026-04-30', bounds);
    for (const p of t.points) {
      const report = await agingReport(fixture.warehouse, { asOf: p.asOf, basis: 'due_date', bounds, groupBy: 'segment' });
      const rub = report.totals.find((r) => r.currency === 'RUB');
      expect(p.buckets).toEqual(rub ? rub.buckets : [0n, 0n, 0n]);
    }
  });

  it('ends each month with the month-end AR of the collection metrics (two independent SQL paths)', async () => {
    const t = await trend('RUB', '2026-04-30');
    const metrics = await collectionMetrics(fixture.warehouse, { currency: 'RUB', ceiVariant: 'period_sales' });
    expect(metrics.length).toBeGreaterThan(0);
    for (const m of metrics) expect([m.month, t.points.find((p) => p.month === m.month)?.total]).toEqual([m.month, m.arMinor]);
  });

  it('gives zeros for a currency without receivables', async () => {
    const t = await trend('EUR', '2026-04-30');
    expect(t.points).toHaveLength(12);
    expect(t.points.every((p) => p.total === 0n && p.buckets.every((b) => b === 0n))).toBe(true);
  });
});
