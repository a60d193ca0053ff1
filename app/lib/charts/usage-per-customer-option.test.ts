import { describe, expect, it } from 'vitest';
import type { MonthString } from '../months.ts';
import { buildPerCustomerOption } from './usage-per-customer-option.ts';

describe('buildPerCustomerOption', () => {
  it('draws median, p90 and mean per active customer in display units, customers in the tooltip', () => {
    const option = buildPerCustomerOption({
      months: [{ month: '2026-03' as MonthString, activeCustomers: 3n, totalQuantity: '210', meanQuantity: 70, medianQuantity: 80, p90Quantity: 96 }],
      unit: 'minute',
    }) as { series: { name: string; data: number[] }[]; tooltip: { formatter: (p: unknown) => string } };
    expect(option.series.map((s) => [s.name, s.data])).toEqual([['median', [80]], ['p90', [96]], ['mean', [70]]]);
    expect(option.tooltip.formatter([{ dataIndex: 0, seriesName: 'median', marker: '', value: 80 }])).toBe('Mar 2026 · 3 active customers<br>median: <b>80 min</b>');
  });
});
