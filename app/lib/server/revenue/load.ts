import { monthSpan } from '../../months.ts';
import type { RevenueComparison, RevenueFilterOptions, RevenueFilters, RevenueKpi, RevenueMonthlyRow } from '../../revenue/types.ts';
import { resolveRevenueFilters, type FilterDefaultsContext, type RevenueFilterInput } from './filters.ts';
import {
  previousYearFilters,
  queryMonthsWithData,
  queryRevenueFilterOptions,
  queryRevenueKpis,
  queryRevenueMonthly,
  type WarehouseReader,
} from './queries.ts';

/** Body of GET /api/v1/revenue/monthly (bigints still bigint; the JSON writer makes them strings). */
export interface RevenueMonthlyResult {
  /** null when the mart is empty and no currency was asked for. */
  readonly filters: RevenueFilters | null;
  readonly currency: string | null;
  readonly rows: RevenueMonthlyRow[];
}

export async function loadRevenueMonthly(
  warehouse: WarehouseReader,
  input: RevenueFilterInput,
  context: FilterDefaultsContext,
): Promise<RevenueMonthlyResult> {
  const filters = await resolveRevenueFilters(warehouse, input, context);
  if (!filters) return { filters: null, currency: null, rows: [] };
  return { filters, currency: filters.currency, rows: await queryRevenueMonthly(warehouse, filters) };
}

/** Everything the revenue page shows. */
export interface RevenueDashboard extends RevenueMonthlyResult {
  readonly kpis: RevenueKpi[];
  /** null when there are no filters (empty mart). */
  readonly comparison: RevenueComparison | null;
  readonly options: RevenueFilterOptions;
}

export async function loadRevenueDashboard(
  warehouse: WarehouseReader,
  input: RevenueFilterInput,
  context: FilterDefaultsContext,
): Promise<RevenueDashboard> {
  const monthly = await loadRevenueMonthly(warehouse, input, context);
  const options = await queryRevenueFilterOptions(warehouse);
  if (!monthly.filters) return { ...monthly, kpis: [], comparison: null, options };
  const kpis = await queryRevenueKpis(warehouse, monthly.filters);
  const previous = previousYearFilters(monthly.filters);
  const comparison: RevenueComparison = {
    from: previous.from,
    to: previous.to,
    months: monthSpan(previous.from, previous.to),
    monthsWithData: await queryMonthsWithData(warehouse, previous),
  };
  return { ...monthly, kpis, comparison, options };
}
