import { describe, expect, it } from 'vitest';
import type { MonthString } from '../months.ts';
import { buildAgingSummaryOption, buildSegmentRevenueOption, buildSparklineOption } from './overview-options.ts';

describe('overview chart options', () => {
  it('draws a sparkline in major units with gaps for missing months', () => {
    const option = buildSparklineOption([100n, null, 250n], 'money', 'USD');
    expect((option.series as { data: unknown[] }[])[0]!.data).toEqual([1, null, 2.5]);
    expect(buildSparklineOption([31.5, 40], 'days', 'USD').series).toMatchObject([{ data: [31.5, 40] }]);
  });

  it('stacks invoiced by segment per month', () => {
    const option = buildSegmentRevenueOption(['2025-01', '2025-02'] as MonthString[], [{ segment: 'smb', invoiced: [1000n, 2000n] }, { segment: 'consumer', invoiced: [50n, 0n] }], 'EUR');
    expect(option.series).toMatchObject([{ name: 'smb', stack: 'invoiced', data: [10, 20] }, { name: 'consumer', stack: 'invoiced', data: [0.5, 0] }]);
    expect((option.xAxis as { data: string[] }).data).toEqual(['Jan 2025', 'Feb 2025']);
  });

  it('draws one bar per aging bucket', () => {
    const option = buildAgingSummaryOption({ asOf: '2026-03-31', totalMinor: 300n, buckets: [{ label: 'Current', openMinor: 100n }, { label: '1–30', openMinor: 200n }] }, 'RUB');
    expect((option.xAxis as { data: string[] }).data).toEqual(['Current', '1–30']);
    expect((option.series as { data: { value: number }[] }[])[0]!.data.map((d) => d.value)).toEqual([1, 2]);
  });
});
