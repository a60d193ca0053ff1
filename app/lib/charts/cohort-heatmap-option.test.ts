import { describe, expect, it } from 'vitest';
import { buildCohortHeatmapOption } from './cohort-heatmap-option.ts';

describe('buildCohortHeatmapOption', () => {
  const cells = [
    { cohortLabel: 'Jan 2026', age: 0, rate: 1, detail: '2 of 2 customers' },
    { cohortLabel: 'Jan 2026', age: 1, rate: 0.5, detail: '1 of 2 customers' },
    { cohortLabel: 'Feb 2026', age: 0, rate: 3.2, detail: '₽300.00 of ₽100.00' },
  ];
  it('places cells by months since signup and cohort, values capped at the scale', () => {
    const option = buildCohortHeatmapOption({ cohorts: ['Jan 2026', 'Feb 2026'], cells, max: 1.5 });
    const series = (option.series as { type: string; data: unknown[] }[])[0]!;
    expect(series.type).toBe('heatmap');
    expect(series.data).toEqual([[0, 0, 1, 0], [1, 0, 0.5, 1], [0, 1, 1.5, 2]]);
    expect((option.xAxis as { data: string[] }).data).toEqual(['0', '1']);
    expect((option.yAxis as { data: string[]; inverse: boolean })).toMatchObject({ data: ['Jan 2026', 'Feb 2026'], inverse: true });
    expect(option.visualMap).toMatchObject({ min: 0, max: 1.5, dimension: 2 });
  });
  it('labels cells with the uncapped rate and explains them in the tooltip', () => {
    const option = buildCohortHeatmapOption({ cohorts: ['Jan 2026', 'Feb 2026'], cells, max: 1.5 });
    const series = (option.series as { label: { formatter: (p: unknown) => string } }[])[0]!;
    expect(series.label.formatter({ data: [0, 1, 1.5, 2] })).toBe('320%');
    const tooltip = (option.tooltip as { formatter: (p: unknown) => string }).formatter({ data: [1, 0, 0.5, 1] });
    expect(tooltip).toBe('Jan 2026 · month 1<br><b>50%</b> (1 of 2 customers)');
  });
});
