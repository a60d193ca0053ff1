import { describe, expect, it } from 'vitest';
import type { AgingRow } from '../server/receivables/types.ts';
import { foldGroups, formatMetric, formatRatePercent, formatShare } from './display.ts';

const row = (key: string, buckets: bigint[], invoices = 1): AgingRow => ({
  key, label: key, currency: 'RUB', buckets, total: buckets.reduce((s, b) => s + b, 0n), invoices,
});

describe('foldGroups', () => {
  it('keeps small tables as they are', () => {
    const rows = [row('a', [1n, 2n])];
    expect(foldGroups(rows, 5)).toEqual({ shown: rows, other: null });
  });
  it('folds the groups beyond the limit into one row that keeps the columns adding up', () => {
    const rows = [row('a', [10n, 5n], 3), row('b', [4n, 4n], 2), row('c', [1n, 2n], 1), row('d', [0n, 1n], 1)];
    const { shown, other } = foldGroups(rows, 2);
    expect(shown.map((r) => r.key)).toEqual(['a', 'b']);
    expect(other).toEqual({ count: 2, buckets: [1n, 3n], total: 4n, invoices: 2 });
  });
});

describe('formats', () => {
  it('shows metrics with one decimal, percent or days, a dash when undefined', () => {
    expect(formatMetric(35.25, 'days')).toBe('35.3');
    expect(formatMetric(1234.5, 'days')).toBe('1,234.5');
    expect(formatMetric(87, 'percent')).toBe('87.0%');
    expect(formatMetric(null, 'percent')).toBe('—');
  });
  it('rounds shares exactly in bigint', () => {
    expect(formatShare(1n, 3n)).toBe('33.3%');
    expect(formatShare(2n, 3n)).toBe('66.7%');
    expect(formatShare(0n, 0n)).toBe('—');
    expect(formatShare(10n ** 30n, 10n ** 30n)).toBe('100.0%');
  });
});

describe('formatRatePercent', () => {
  it('shows a fraction as a percentage with up to 4 decimals', () => {
    expect([0.533333, 0.02, 0, 1, 0.000001, 0.1225, null].map(formatRatePercent)).toEqual(['53.3333', '2', '0', '100', '0.0001', '12.25', '']);
  });
});
