import { describe, expect, it } from 'vitest';
import { buildMrrTrendOption } from './mrr-trend-option.ts';

type Series = { name: string; type: string; data: number[] };

describe('buildMrrTrendOption', () => {
  const points = [
    { label: 'Jan 2026', mrrMinor: 1800000n, usageMinor: 0n },
    { label: 'Feb 2026', mrrMinor: 4300100n, usageMinor: 100005n },
  ];
  it('draws MRR as bars and usage as a line, in major units', () => {
    const option = buildMrrTrendOption({ points, currency: 'RUB' });
    const series = option.series as Series[];
    expect(series.map((s) => [s.name, s.type, s.data])).toEqual([
      ['MRR', 'bar', [18000, 43001]],
      ['Usage (3-month average)', 'line', [0, 1000.05]],
    ]);
    expect((option.xAxis as { data: string[] }).data).toEqual(['Jan 2026', 'Feb 2026']);
  });
  it('shows exact MRR, ARR = MRR × 12 and usage in the tooltip', () => {
    const option = buildMrrTrendOption({ points: [{ label: 'Mar 2026', mrrMinor: 9007199254740993n, usageMinor: 5n }], currency: 'USD' });
    const html = (option.tooltip as { formatter: (p: unknown) => string }).formatter([{ dataIndex: 0 }]);
    expect(html).toBe('Mar 2026<br>MRR: <b>$90,071,992,547,409.93</b><br>ARR: <b>$1,080,863,910,568,919.16</b><br>Usage (3-month average): <b>$0.05</b>');
  });
});
