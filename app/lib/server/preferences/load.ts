import { monthOf, type MonthString } from '../../months.ts';
import type { AdoptionMonth, CombinationRow, FrequencyRow, MigrationRow, PlanMixRow, TierRow } from '../../preferences/types.ts';
import type { ReportFilters } from '../../report-filters.ts';
import { previousYear, resolveReportFilters, type ReportFilterInput } from '../report-input.ts';
import { definitionsOf, type MetricDefinitions } from '../sql-definitions.ts';
import {
  queryAddonAdoption,
  queryCombinations,
  queryLatestPlanMonth,
  queryMigrations,
  queryPlanMix,
  queryPreferenceDimensions,
  queryServiceFrequency,
  queryTierMix,
  type WarehouseReader,
} from './queries.ts';

export const PREFERENCES_QUERIES = [
  'preferences_plan_mix',
  'preferences_migrations',
  'preferences_service_frequency',
  'preferences_addon_adoption',
  'preferences_combinations',
  'preferences_tier_mix',
] as const;
export type PreferencesQueryName = (typeof PREFERENCES_QUERIES)[number];

/** The period: twelve months ending at the latest month of the plan calendar (or this business month). */
export async function resolvePreferenceFilters(
  warehouse: WarehouseReader,
  input: ReportFilterInput,
  context: { now: Date; timezone: string },
): Promise<ReportFilters> {
  const latest = (await queryLatestPlanMonth(warehouse)) ?? monthOf(context.now, context.timezone);
  return resolveReportFilters(input, latest as MonthString);
}

/** Month-end figures of the period's last month beside the same month a year earlier. */
export interface PreferencesComparison {
  readonly month: MonthString;
  readonly previousMonth: MonthString;
  readonly current: AdoptionMonth | null;
  readonly previous: AdoptionMonth | null;
}

export interface PreferencesPage {
  readonly filters: ReportFilters;
  readonly options: { readonly segments: string[]; readonly regions: string[] };
  readonly planMix: PlanMixRow[];
  readonly migrations: MigrationRow[];
  readonly frequency: FrequencyRow[];
  readonly adoption: AdoptionMonth[];
  readonly combinations: CombinationRow[];
  readonly tiers: TierRow[];
  readonly comparison: PreferencesComparison;
  readonly definitions: Record<PreferencesQueryName, MetricDefinitions>;
}

export async function loadPreferencesPage(
  warehouse: WarehouseReader,
  input: ReportFilterInput,
  context: { now: Date; timezone: string },
): Promise<PreferencesPage> {
  const filters = await resolvePreferenceFilters(warehouse, input, context);
  const adoption = await queryAddonAdoption(warehouse, filters);
  const previous = previousYear(filters);
  const previousAdoption = await queryAddonAdoption(warehouse, { ...previous, from: previous.to });
  return {
    filters,
    options: await queryPreferenceDimensions(warehouse),
    planMix: await queryPlanMix(warehouse, filters),
    migrations: await queryMigrations(warehouse, filters),
    frequency: await queryServiceFrequency(warehouse, filters),
    adoption,
    combinations: await queryCombinations(warehouse, filters),
    tiers: await queryTierMix(warehouse, filters),
    comparison: {
      month: filters.to,
      previousMonth: previous.to,
      current: adoption.find((a) => a.month === filters.to) ?? null,
      previous: previousAdoption[0] ?? null,
    },
    definitions: definitionsOf(PREFERENCES_QUERIES),
  };
}
