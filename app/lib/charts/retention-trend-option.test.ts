import { describe, expect, it } from 'vitest';
import { buildRetentionTrendOption } from './retention-trend-option.ts';

type Series = { name: string; yAxisIndex: number; data: (number | null)[] };

describe('buildRetentionTrendOption', () => {
  it('puts GRR and NRR on the left axis and the churn rates on the right, gaps for undefined rates', () => {
    const option = buildRetentionTrendOption({
      points: [
        { label: 'Jan 2026', grr: null, nrr: null, logoChurnRate: null, revenueChurnRate: null },
        { label: 'Feb 2026', grr: 0.98, nrr: 1.04, logoChurnRate: 0.02, revenueChurnRate: 0.015 },
      ],
    });
    expect((option.series as Series[]).map((s) => [s.name, s.yAxisIndex, s.data])).toEqual([
      ['NRR', 0, [null, 1.04]], ['GRR', 0, [null, 0.98]], ['Logo churn', 1, [null, 0.02]], ['Revenue churn', 1, [null, 0.015]],
    ]);
    const fmt = (option.tooltip as { valueFormatter: (v: unknown) => string }).valueFormatter;
    expect([fmt(0.015), fmt(null)]).toEqual(['1.50%', '—']);
  });
});
