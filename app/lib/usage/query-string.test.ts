import { describe, expect, it } from 'vitest';
import type { MonthString } from '../months.ts';
import { usageCsvHref } from './query-string.ts';

describe('usage CSV links', () => {
  const filters = { from: '2026-01' as MonthString, to: '2026-03' as MonthString, segment: 'smb', region: null, service: 'data', unit: 'mb' };
  it('carry the filters and the table', () => {
    expect(usageCsvHref(filters, 'heatmap')).toBe('/api/v1/usage/heatmap?from=2026-01&to=2026-03&segment=smb&service=data&unit=mb&format=csv');
    expect(usageCsvHref(filters, 'hours')).toBe('/api/v1/usage/peaks?from=2026-01&to=2026-03&segment=smb&service=data&unit=mb&format=csv&part=hours&top=10');
    expect(usageCsvHref({ ...filters, segment: null, region: 'Far East' }, 'monthly')).toBe(
      '/api/v1/usage/patterns?from=2026-01&to=2026-03&region=Far+East&service=data&unit=mb&format=csv&part=monthly',
    );
  });
});
