import { reportQueryString } from '../report-filters.ts';
import type { UsageFilters } from './types.ts';

/** The usage filters as a query string: from, to, segment, region, service, unit, then `extra`. */
export function usageQueryString(filters: UsageFilters, extra: Record<string, string> = {}): string {
  return reportQueryString(filters, { service: filters.service, unit: filters.unit, ...extra });
}

export type UsageCsvTable = 'heatmap' | 'slots' | 'hours' | 'day-of-month' | 'monthly' | 'per-customer' | 'top-consumers';

const ROUTES: Record<UsageCsvTable, { path: string; part?: string; top?: string }> = {
  heatmap: { path: 'heatmap' },
  slots: { path: 'peaks', part: 'slots', top: '10' },
  hours: { path: 'peaks', part: 'hours', top: '10' },
  'day-of-month': { path: 'patterns', part: 'day-of-month' },
  monthly: { path: 'patterns', part: 'monthly' },
  'per-customer': { path: 'patterns', part: 'per-customer' },
  'top-consumers': { path: 'top-consumers', top: '20' },
};

/** Link to the CSV of one table or chart of the usage page, for exactly the filters shown. */
export function usageCsvHref(filters: UsageFilters, table: UsageCsvTable): string {
  const route = ROUTES[table];
  const extra: Record<string, string> = { format: 'csv' };
  if (route.part) extra.part = route.part;
  if (route.top) extra.top = route.top;
  return `/api/v1/usage/${route.path}?${usageQueryString(filters, extra)}`;
}
