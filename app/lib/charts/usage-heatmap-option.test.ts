import { describe, expect, it } from 'vitest';
import { buildUsageHeatmapOption } from './usage-heatmap-option.ts';

describe('buildUsageHeatmapOption', () => {
  const cells = [
    { isoWeekday: 5, hour: 21, quantity: '2048.000', share: 0.8 },
    { isoWeekday: 1, hour: 9, quantity: '512.000', share: 0.2 },
  ];
  const option = buildUsageHeatmapOption({ cells, unit: 'mb' }) as {
    series: { data: number[][] }[]; visualMap: { max: number; text: string[] }; yAxis: { data: string[] }; xAxis: { data: string[] };
    tooltip: { formatter: (p: unknown) => string };
  };

  it('places cells at (hour, weekday from Monday) in GB for data', () => {
    expect(option.series[0]!.data).toEqual([[21, 4, 2], [9, 0, 0.5]]);
    expect(option.visualMap.max).toBe(2);
    expect(option.visualMap.text[0]).toBe('GB');
    expect(option.yAxis.data[0]).toBe('Mon');
    expect(option.xAxis.data).toHaveLength(24);
  });

  it('tooltips the slot, exact quantity and share', () => {
    expect(option.tooltip.formatter({ value: [21, 4, 2] })).toBe('Fri 21:00–22:00<br><b>2.00 GB</b> · 80.0% of hourly usage');
    expect(option.tooltip.formatter({ value: [3, 3, 0] })).toBe('');
  });
});
