import { reportQueryString, type ReportFilters } from '../report-filters.ts';

export type PreferencesCsvTable = 'plan-mix' | 'tiers' | 'migrations' | 'adoption' | 'combinations' | 'frequency';

const ROUTES: Record<PreferencesCsvTable, { path: string; part?: string }> = {
  'plan-mix': { path: 'plan-mix', part: 'plan-mix' },
  tiers: { path: 'plan-mix', part: 'tiers' },
  migrations: { path: 'migrations' },
  adoption: { path: 'adoption', part: 'monthly' },
  combinations: { path: 'adoption', part: 'combinations' },
  frequency: { path: 'adoption', part: 'frequency' },
};

/** Link to the CSV of one table or chart of the preferences page, for exactly the filters shown. */
export function preferencesCsvHref(filters: ReportFilters, table: PreferencesCsvTable): string {
  const route = ROUTES[table];
  return `/api/v1/preferences/${route.path}?${reportQueryString(filters, route.part ? { format: 'csv', part: route.part } : { format: 'csv' })}`;
}
