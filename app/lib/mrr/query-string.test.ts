import { describe, expect, it } from 'vitest';
import type { MrrInput } from '../server/mrr/types.ts';
import { movementsHref, mrrSearch } from './query-string.ts';
import { DEFAULT_SETTINGS } from './settings.ts';

const input: MrrInput = {
  settings: { ...DEFAULT_SETTINGS, pastDueChurnDays: 30 }, filters: { currency: 'RUB', segment: 'smb', region: null, plan: null },
  groupBy: 'segment', period: 'quarter', from: null, to: null,
};

describe('MRR links', () => {
  it('carries the view and the non-default settings', () => {
    expect(mrrSearch(input, { from: '2026-01', to: '2026-06' }).toString()).toBe('from=2026-01&to=2026-06&period=quarter&groupBy=segment&currency=RUB&segment=smb&past_due_churn_days=30');
  });
  it('drills into one figure of a period, with its group as a filter', () => {
    expect(movementsHref(input, { from: '2026-04', to: '2026-06', currency: 'RUB', kind: 'churn', group: { by: 'segment', key: 'enterprise' } }))
      .toBe('/mrr/movements?currency=RUB&segment=enterprise&past_due_churn_days=30&kind=churn&from=2026-04&to=2026-06');
    expect(movementsHref(input, { from: '2026-05', to: '2026-05', currency: 'USD', kind: null }))
      .toBe('/mrr/movements?currency=USD&segment=smb&past_due_churn_days=30&kind=all&month=2026-05');
  });
});
