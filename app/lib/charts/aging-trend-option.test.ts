import { describe, expect, it } from 'vitest';
import { agingBucketColors, buildAgingTrendOption } from './aging-trend-option.ts';

type Series = { name: string; type: string; stack: string; data: number[] };

const labels = ['Current', '1–30', '31–60'];
const points = [
  { asOf: '2026-02-28', buckets: [80000n, 200000n, 400000n] },
  { asOf: '2026-03-31', buckets: [300000n, 0n, 5n] },
];

describe('buildAgingTrendOption', () => {
  it('stacks one bar series per bucket, youngest first, in major units', () => {
    const option = buildAgingTrendOption({ points, bucketLabels: labels, currency: 'RUB' });
    const series = option.series as Series[];
    expect(series.map((s) => [s.name, s.type, s.stack])).toEqual([
      ['Current', 'bar', 'open'],
      ['1–30', 'bar', 'open'],
      ['31–60', 'bar', 'open'],
    ]);
    expect(series.map((s) => s.data)).toEqual([
      [800, 3000],
      [2000, 0],
      [4000, 0.05],
    ]);
    expect((option.xAxis as { data: string[] }).data).toEqual(['Feb 2026', 'Mar 2026']);
    expect((option.legend as { data: string[] }).data).toEqual(labels);
    expect(option.color).toEqual(agingBucketColors(3));
  });

  it('shows exact amounts, oldest first, and their total in the tooltip', () => {
    const big = { asOf: '2026-01-31', buckets: [9007199254740993n, 1n, 0n] };
    const option = buildAgingTrendOption({ points: [big], bucketLabels: labels, currency: 'USD' });
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    const html = formatter([0, 1, 2].map((seriesIndex) => ({ dataIndex: 0, seriesIndex, marker: '' })));
    expect(html).toBe('End of Jan 2026<br>31–60: <b>$0.00</b><br>1–30: <b>$0.01</b><br>Current: <b>$90,071,992,547,409.93</b><br>Total: <b>$90,071,992,547,409.94</b>');
  });

  it('uses the currency decimals and handles no points', () => {
    const jpy = buildAgingTrendOption({ points: [{ asOf: '2026-01-31', buckets: [1500n, 0n, 7n] }], bucketLabels: labels, currency: 'JPY' });
    expect((jpy.series as Series[]).map((s) => s.data[0])).toEqual([1500, 0, 7]);
    const empty = buildAgingTrendOption({ points: [], bucketLabels: labels, currency: 'EUR' });
    expect((empty.series as Series[])[0]!.data).toEqual([]);
  });
});

describe('agingBucketColors', () => {
  it('runs from green to red, one colour per bucket', () => {
    const colors = agingBucketColors(6);
    expect(colors).toHaveLength(6);
    expect(colors[0]).toBe('hsl(150, 52%, 52%)');
    expect(colors[5]).toBe('hsl(2, 52%, 40%)');
    expect(new Set(colors).size).toBe(6);
    expect(agingBucketColors(1)).toEqual(['hsl(150, 52%, 52%)']);
  });
});
