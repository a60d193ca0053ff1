import type { MonthString } from './months.ts';

/**
 * The filters every usage and preferences figure takes: a range of months (business time zone, both
 * included) and optionally one segment and one region (null = all).
 */
export interface ReportFilters {
  readonly from: MonthString;
  readonly to: MonthString;
  readonly segment: string | null;
  readonly region: string | null;
}

/** from, to, then segment / region when set, plus `extra`: the query string of a page or export link. */
export function reportQueryString(filters: ReportFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ from: filters.from, to: filters.to });
  if (filters.segment !== null) params.set('segment', filters.segment);
  if (filters.region !== null) params.set('region', filters.region);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
}
