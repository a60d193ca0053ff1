import { describe, expect, it } from 'vitest';
import { buildDsoOption } from './collection-dso-option.ts';

type Series = { name: string; type: string; data: (number | null)[] };

const months = [
  { month: '2026-02', dsoStandard: 44.5, dsoCountback: 40.1, bestPossibleDso: 12 },
  { month: '2026-03', dsoStandard: 35, dsoCountback: null, bestPossibleDso: 6.6 },
];

describe('buildDsoOption', () => {
  it('draws standard, countback and best possible DSO as lines in days, gaps for nulls', () => {
    const option = buildDsoOption({ months });
    const series = option.series as Series[];
    expect(series.map((s) => [s.name, s.type])).toEqual([
      ['DSO (standard)', 'line'],
      ['DSO (countback)', 'line'],
      ['Best possible DSO', 'line'],
    ]);
    expect(series.map((s) => s.data)).toEqual([
      [44.5, 35],
      [40.1, null],
      [12, 6.6],
    ]);
    expect((option.xAxis as { data: string[] }).data).toEqual(['Feb 2026', 'Mar 2026']);
  });

  it('formats the tooltip in days with a dash for missing values', () => {
    const formatter = (buildDsoOption({ months }).tooltip as { formatter: (p: unknown) => string }).formatter;
    const html = formatter([0, 1, 2].map((seriesIndex) => ({ dataIndex: 1, seriesIndex, marker: '' })));
    expect(html).toBe('Mar 2026<br>DSO (standard): <b>35 d</b><br>DSO (countback): <b>—</b><br>Best possible DSO: <b>6.6 d</b>');
  });

  it('handles no months', () => {
    expect((buildDsoOption({ months: [] }).series as Series[])[0]!.data).toEqual([]);
  });
});
