import { describe, expect, it } from 'vitest';
import type { MonthString } from '../months.ts';
import { buildDayOfMonthOption, buildMonthOfYearOption } from './usage-patterns-option.ts';

describe('usage pattern charts', () => {
  it('draws the mean per day of month in display units', () => {
    const option = buildDayOfMonthOption({
      rows: [{ dayOfMonth: 1, months: 2, quantity: '4096.000', meanPerDay: 2048 }, { dayOfMonth: 31, months: 1, quantity: '0.000', meanPerDay: 0 }],
      unit: 'mb',
    }) as { series: { data: number[] }[]; xAxis: { data: string[] }; tooltip: { formatter: (p: unknown) => string } };
    expect(option.series[0]!.data).toEqual([2, 0]);
    expect(option.xAxis.data).toEqual(['1', '31']);
    expect(option.tooltip.formatter([{ dataIndex: 0 }])).toBe('Day 1 (2 months)<br>mean <b>2.00 GB</b> · total 4.00 GB');
  });

  it('lays months side by side by year, gaps where a year has no data', () => {
    const row = (month: string, quantity: string) => ({ month: month as MonthString, quantity, hourlyQuantity: quantity, dailyQuantity: '0', records: 1n });
    const option = buildMonthOfYearOption({ months: [row('2025-12', '10'), row('2026-01', '12'), row('2026-02', '9')], unit: 'minute' }) as {
      series: { name: string; data: (number | null)[] }[]; xAxis: { data: string[] };
    };
    expect(option.xAxis.data[0]).toBe('Jan');
    expect(option.series.map((s) => s.name)).toEqual(['2025', '2026']);
    expect(option.series[0]!.data[11]).toBe(10);
    expect(option.series[0]!.data[0]).toBeNull();
    expect(option.series[1]!.data.slice(0, 3)).toEqual([12, 9, null]);
  });
});
