import { describe, expect, it } from 'vitest';
import type { LossRate } from './bad-debt.ts';
import { lossRateMonthEnds, parseEditedRates, parseRatePercent, reserveTable } from './reserve.ts';
import type { AgingReport } from './types.ts';

const report: AgingReport = {
  params: { asOf: '2026-03-31', basis: 'due_date', bounds: [0, 30], groupBy: 'currency' },
  buckets: [{ index: 0, label: 'Current' }, { index: 1, label: '1–30' }, { index: 2, label: '31+' }],
  rows: [],
  totals: [
    { key: 'RUB', label: 'RUB', currency: 'RUB', buckets: [10_000n, 3_333n, 1_001n], total: 14_334n, invoices: 5 },
    { key: 'USD', label: 'USD', currency: 'USD', buckets: [500n, 0n, 0n], total: 500n, invoices: 1 },
  ],
};
const observed: LossRate[] = [
  { currency: 'RUB', bucket: 0, openMinor: 100n, lostMinor: 1n, rate: 0.01 },
  { currency: 'RUB', bucket: 1, openMinor: 1000n, lostMinor: 150n, rate: 0.15 },
  { currency: 'RUB', bucket: 2, openMinor: 0n, lostMinor: 0n, rate: null },
];

describe('bad-debt reserve helpers', () => {
  it('looks at the 12 month ends at least 6 months before the as-of date', () => {
    expect(lossRateMonthEnds('2026-03-31')).toEqual([
      '2024-10-31', '2024-11-30', '2024-12-31', '2025-01-31', '2025-02-28', '2025-03-31',
      '2025-04-30', '2025-05-31', '2025-06-30', '2025-07-31', '2025-08-31', '2025-09-30',
    ]);
    expect(lossRateMonthEnds('2026-03-15').at(-1)).toBe('2025-08-31');
    // 31 Aug − 6 months is 28 Feb, a month end.
    expect(lossRateMonthEnds('2026-08-31').at(-1)).toBe('2026-02-28');
    expect(lossRateMonthEnds('2026-08-30').at(-1)).toBe('2026-02-28');
    expect(lossRateMonthEnds('2026-08-27').at(-1)).toBe('2026-01-31');
  });

  it('parses percentages exactly and rejects anything else', () => {
    expect(parseRatePercent('2', 'RUB', 0)).toBe(0.02);
    expect(parseRatePercent(' 12,25 ', 'RUB', 0)).toBe(0.1225);
    expect(parseRatePercent('0.0001', 'RUB', 0)).toBe(0.000001);
    expect(parseRatePercent('100', 'RUB', 0)).toBe(1);
    expect(parseRatePercent('', 'RUB', 0)).toBeNull();
    for (const bad of ['100.01', '-1', '1e2', 'abc', '0.00001']) expect(() => parseRatePercent(bad, 'RUB', 1)).toThrow(expect.objectContaining({ code: 'BAD_RATES' }));
    const search = new URLSearchParams('asOf=2026-03-31&lr.RUB=&lr.RUB=20&lr.USD=&lr.USD=');
    expect([...parseEditedRates(search, 3)]).toEqual([['RUB', [null, 0.2, null]]]);
    expect(() => parseEditedRates(new URLSearchParams('lr.rub=1'), 3)).toThrow(/currency/);
    expect(() => parseEditedRates(new URLSearchParams('lr.RUB=1&lr.RUB=1&lr.RUB=1&lr.RUB=1'), 3)).toThrow(/3 buckets/);
  });

  it('reserves open × rate half up, edited rates over observed ones, and totals the lines', () => {
    const [rub, usd] = reserveTable(report, observed, new Map([['RUB', [null, null, 0.5]]]));
    // 10000 × 1 % = 100; 3333 × 15 % = 499.95 → 500; 1001 × 50 % = 500.5 → 501 (half up).
    expect(rub!.lines.map((l) => [l.rate, l.edited, l.reserveMinor])).toEqual([[0.01, false, 100n], [0.15, false, 500n], [0.5, true, 501n]]);
    expect(rub!.totalMinor).toBe(1101n);
    expect(rub!.lines[2]!.observedRate).toBeNull();
    // No history for USD: no rate, no reserve.
    expect(usd!.lines.map((l) => [l.rate, l.reserveMinor])).toEqual([[null, 0n], [null, 0n], [null, 0n]]);
    expect(usd!.totalMinor).toBe(0n);
  });
});
