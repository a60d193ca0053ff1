import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from './settings.ts';
import { formatRate, periodLabel, settingsSummary } from './display.ts';

describe('MRR display helpers', () => {
  it('labels months, quarters and years', () => {
    expect([periodLabel('2026-03', 'month'), periodLabel('2026-04', 'quarter'), periodLabel('2026-01', 'year')]).toEqual(['Mar 2026', 'Q2 2026', '2026']);
  });
  it('formats rates with one decimal, no negative zero, a dash when undefined', () => {
    expect([formatRate(0.0245), formatRate(-0.0003), formatRate(-0.012), formatRate(null)]).toEqual(['2.5%', '0.0%', '-1.2%', '—']);
  });
  it('states every setting in words', () => {
    expect(settingsSummary(DEFAULT_SETTINGS).map((s) => `${s.label}: ${s.value}`)).toEqual([
      'Past due counts as churn: off', 'Usage in MRR: off', 'Trials: excluded until converted', 'Free plans: not counted as customers',
    ]);
    expect(settingsSummary({ pastDueChurnDays: 30, usageInMrr: true, trials: 'count', freePlans: 'count' }).map((s) => s.value)).toEqual([
      'after 30 days', 'on (3-month average)', 'counted at price', 'counted as customers',
    ]);
  });
});
