import { describe, expect, it } from 'vitest';
import { minorUnits } from '../money.ts';
import type { MonthString } from '../months.ts';
import { buildRevenueMonthlyOption, type RevenueChartRow } from './revenue-monthly-option.ts';

const row = (month: string, invoiced: bigint, collected: bigint): RevenueChartRow => ({
  month: month as MonthString,
  invoiced_minor: minorUnits(invoiced),
  collected_minor: minorUnits(collected),
});

const rows = [row('2024-12', 123456n, 100000n), row('2025-01', 0n, 5n), row('2025-02', 9900n, -250n)];

type Series = { name: string; type: string; data: number[] };

describe('buildRevenueMonthlyOption', () => {
  it('draws invoiced as bars and collected as a line, in major units', () => {
    const option = buildRevenueMonthlyOption({ rows, currency: 'USD' });
    const series = option.series as Series[];
    expect(series.map((s) => [s.name, s.type])).toEqual([
      ['Invoiced', 'bar'],
      ['Collected', 'line'],
    ]);
    expect(series[0].data).toEqual([1234.56, 0, 99]);
    expect(series[1].data).toEqual([1000, 0.05, -2.5]);
    expect((option.xAxis as { data: string[] }).data).toEqual(['Dec 2024', 'Jan 2025', 'Feb 2025']);
  });

  it('uses the currency decimals (JPY has none)', () => {
    const series = buildRevenueMonthlyOption({ rows: [row('2025-01', 1500n, 700n)], currency: 'JPY' }).series as Series[];
    expect(series[0].data).toEqual([1500]);
    expect(series[1].data).toEqual([700]);
  });

  it('shows exact amounts in the tooltip', () => {
    const option = buildRevenueMonthlyOption({ rows: [row('2025-01', 9007199254740993n, 1n)], currency: 'USD' });
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    const html = formatter([
      { dataIndex: 0, seriesName: 'Invoiced', marker: '' },
      { dataIndex: 0, seriesName: 'Collected', marker: '' },
    ]);
    expect(html).toBe('Jan 2025<br>Invoiced: <b>$90,071,992,547,409.93</b><br>Collected: <b>$0.01</b>');
  });

  it('handles no rows', () => {
    const series = buildRevenueMonthlyOption({ rows: [], currency: 'EUR' }).series as Series[];
    expect(series[0].data).toEqual([]);
  });
});
