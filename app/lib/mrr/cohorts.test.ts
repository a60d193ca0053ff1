import { describe, expect, it } from 'vitest';
import type { MonthString } from '../months.ts';
import { cohortHeatmaps } from './cohorts.ts';

const cell = (cohort: string, currency: string, age: number, customers: number, mrr: bigint, size: number, start: bigint) => ({
  cohort: cohort as MonthString, currency, age, customers, cohortCustomers: size, mrrMinor: mrr, cohortMrrMinor: start,
  logoRetention: customers / size, revenueRetention: Number(mrr) / Number(start),
});

describe('cohortHeatmaps', () => {
  it('keeps one currency, labels cohorts oldest first and sizes the revenue scale', () => {
    const h = cohortHeatmaps([
      cell('2026-02', 'RUB', 0, 1, 10001n, 1, 10001n), cell('2026-02', 'RUB', 3, 1, 30002n, 1, 10001n),
      cell('2026-01', 'RUB', 0, 2, 18000n, 2, 18000n), cell('2026-01', 'USD', 0, 1, 5000n, 1, 5000n),
    ], 'RUB');
    expect(h.cohorts).toEqual(['Jan 2026', 'Feb 2026']);
    expect(h.logo.map((c) => [c.cohortLabel, c.age, c.rate, c.detail])).toContainEqual(['Feb 2026', 3, 1, '1 of 1 customers']);
    expect(h.revenue.find((c) => c.age === 3)!.detail).toBe('₽300.02 of ₽100.01 MRR');
    expect(h.revenueMax).toBe(2);
    expect(cohortHeatmaps([cell('2026-01', 'RUB', 1, 1, 50n, 2, 100n)], 'RUB').revenueMax).toBe(1);
  });
});
