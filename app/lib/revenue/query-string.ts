import type { RevenueFilters } from './types.ts';

/** The filters as a query string (from, to, currency, then segment/region when set). */
export function revenueQueryString(filters: RevenueFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ from: filters.from, to: filters.to, currency: filters.currency });
  if (filters.segment !== undefined) params.set('segment', filters.segment);
  if (filters.region !== undefined) params.set('region', filters.region);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
}

/** Link to the CSV export of exactly what the page shows. */
export function revenueCsvHref(filters: RevenueFilters): string {
  return `/api/v1/revenue/monthly?${revenueQueryString(filters, { format: 'csv' })}`;
}
