import { describe, expect, it } from 'vitest';
import type { MonthString } from '../../months.ts';
import { FxRateBook } from '../fx/convert.ts';
import { convertMrrPeriods } from './reporting.ts';
import type { MrrPeriodRow } from './types.ts';

const row = (period: string, currency: string, opening: bigint, moves: { n?: bigint; x?: bigint; c?: bigint; ch?: bigint }, closing: bigint): MrrPeriodRow => ({
  period: period as MonthString, currency, groupKey: '', firstMonth: period as MonthString, lastMonth: period as MonthString, months: 1, toDate: false,
  openingMrrMinor: opening, newMinor: moves.n ?? 0n, reactivationMinor: 0n, expansionMinor: moves.x ?? 0n, contractionMinor: moves.c ?? 0n, churnMinor: moves.ch ?? 0n,
  netChangeMinor: closing - opening, mrrMinor: closing, arrMinor: closing * 12n, usageMinor: 0n,
  openingCustomers: 0, newCustomers: 0, reactivatedCustomers: 0, churnedCustomers: 0, customers: 10, payingCustomers: 10,
  logoChurnRate: null, revenueChurnRate: null, netRevenueChurnRate: null, grr: null, nrr: null, grr12m: null, nrr12m: null,
  arpuMinor: null, ltvMinor: null, changeMrr: null, changeCustomers: null, changeArpu: null,
});

const book = new FxRateBook([
  { date: '2025-01-31', currency: 'USD', quote: 'RUB', rate: '90', source: 't' },
  { date: '2025-02-28', currency: 'USD', quote: 'RUB', rate: '100', source: 't' },
]);

describe('convertMrrPeriods', () => {
  it('converts each currency at month-end rates, shows the rate move as FX effect, and still closes', () => {
    const rows = [
      row('2025-02', 'RUB', 100000n, { n: 5000n, ch: 1000n }, 104000n),
      row('2025-02', 'USD', 1000n, { n: 100n, c: 50n }, 1050n),
    ];
    const { rows: [feb], rates } = convertMrrPeriods(rows, 'RUB', book);
    // USD: opening 10.00 at 90 (31 Jan) = 900.00 RUB; new 1.00 at 100 = 100.00; contraction 0.50 → 50.00; closing 10.50 at 100 = 1,050.00
    expect(feb).toMatchObject({ openingMinor: 100000n + 90000n, newMinor: 5000n + 10000n, contractionMinor: 5000n, churnMinor: 1000n, closingMinor: 104000n + 105000n });
    // the rate moved 90 → 100 on the 10.00 opening: +100.00 RUB
    expect(feb!.fxEffectMinor).toBe(10000n);
    const f = feb!;
    expect(f.openingMinor + f.newMinor + f.reactivationMinor + f.expansionMinor - f.contractionMinor - f.churnMinor + f.fxEffectMinor).toBe(f.closingMinor);
    expect(rates.map((r) => [r.month, r.currency, r.rateText])).toEqual([['2025-01', 'USD', '90'], ['2025-02', 'USD', '100']]);
  });

  it('names the missing rate', () => {
    expect(() => convertMrrPeriods([row('2024-06', 'USD', 0n, { n: 100n }, 100n)], 'RUB', book)).toThrow(/no USD→RUB exchange rate dated on or before 2024-06-30/);
  });
});
