import { describe, expect, it } from 'vitest';
import type { MonthString } from '../months.ts';
import { preferencesCsvHref } from './query-string.ts';

describe('preferences CSV links', () => {
  it('carry the filters and the table', () => {
    const filters = { from: '2026-01' as MonthString, to: '2026-03' as MonthString, segment: null, region: 'Volga' };
    expect(preferencesCsvHref(filters, 'migrations')).toBe('/api/v1/preferences/migrations?from=2026-01&to=2026-03&region=Volga&format=csv');
    expect(preferencesCsvHref(filters, 'tiers')).toBe('/api/v1/preferences/plan-mix?from=2026-01&to=2026-03&region=Volga&format=csv&part=tiers');
  });
});
