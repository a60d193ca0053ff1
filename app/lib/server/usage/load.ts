import { addMonths, monthOf } from '../../months.ts';
import { topPeakSlots, type PeakSlot } from '../../usage/peaks.ts';
import { quantityChange, quantityShare, sumQuantities } from '../../usage/quantity.ts';
import type {
  DayOfMonthRow,
  HeatmapCell,
  PeakHour,
  PerCustomerMonth,
  ServiceOption,
  TopConsumer,
  UsageComparison,
  UsageFilters,
  UsageMonthRow,
} from '../../usage/types.ts';
import { previousYear } from '../report-input.ts';
import { definitionsOf, type MetricDefinitions } from '../sql-definitions.ts';
import { resolveUsageFilters, type UsageFilterInput } from './params.ts';
import {
  queryDayOfMonth,
  queryHeatmap,
  queryPeakHours,
  queryPerCustomerTrend,
  queryTopConsumers,
  queryUsageDimensions,
  queryUsageMonthly,
  type WarehouseReader,
} from './queries.ts';

export const USAGE_QUERIES = ['usage_heatmap', 'usage_peak_hours', 'usage_day_of_month', 'usage_monthly', 'usage_top_consumers', 'usage_per_customer_trend'] as const;
export type UsageQueryName = (typeof USAGE_QUERIES)[number];

/** How many rows the page's rankings show. */
export const PAGE_TOP = { peakHours: 10, peakSlots: 10, consumers: 20 } as const;

export interface UsageTotals {
  readonly quantity: string;
  readonly hourlyQuantity: string;
  readonly dailyQuantity: string;
  /** Share of the period's usage in daily buckets, left out of the heatmap and peak hours; null without usage. */
  readonly dailyShare: number | null;
}

/** Sum of monthly rows: what the period holds, hourly and daily buckets apart. */
export function usageTotals(months: readonly UsageMonthRow[]): UsageTotals {
  const quantity = sumQuantities(months.map((m) => m.quantity));
  const dailyQuantity = sumQuantities(months.map((m) => m.dailyQuantity));
  return { quantity, hourlyQuantity: sumQuantities(months.map((m) => m.hourlyQuantity)), dailyQuantity, dailyShare: quantityShare(dailyQuantity, quantity) };
}

export interface UsagePage {
  readonly filters: UsageFilters | null;
  readonly options: { readonly services: ServiceOption[]; readonly segments: string[]; readonly regions: string[] };
  readonly heatmap: HeatmapCell[];
  readonly peakSlots: PeakSlot[];
  readonly peakHours: PeakHour[];
  readonly dayOfMonth: DayOfMonthRow[];
  readonly monthly: UsageMonthRow[];
  /** The 36 months ending with the period's last month, for the month-of-year pattern. */
  readonly seasonal: UsageMonthRow[];
  readonly totals: UsageTotals | null;
  readonly comparison: UsageComparison | null;
  readonly topConsumers: TopConsumer[];
  readonly perCustomer: PerCustomerMonth[];
  /** The period ends with the current business month, which is not over: its figures are partial. */
  readonly partialLastMonth: boolean;
  readonly definitions: Record<UsageQueryName, MetricDefinitions>;
}

export async function loadUsagePage(warehouse: WarehouseReader, input: UsageFilterInput, context: { now: Date; timezone: string }): Promise<UsagePage> {
  const { filters, services } = await resolveUsageFilters(warehouse, input, context);
  const dimensions = await queryUsageDimensions(warehouse);
  const definitions = definitionsOf(USAGE_QUERIES);
  const options = { services, ...dimensions };
  if (!filters) {
    return {
      filters, options, heatmap: [], peakSlots: [], peakHours: [], dayOfMonth: [], monthly: [], seasonal: [], totals: null, comparison: null,
      topConsumers: [], perCustomer: [], partialLastMonth: false, definitions,
    };
  }
  const heatmap = await queryHeatmap(warehouse, filters);
  const monthly = await queryUsageMonthly(warehouse, filters);
  const previous = previousYear(filters);
  const totals = usageTotals(monthly);
  const previousQuantity = usageTotals(await queryUsageMonthly(warehouse, previous)).quantity;
  return {
    filters,
    options,
    heatmap,
    peakSlots: topPeakSlots(heatmap, PAGE_TOP.peakSlots),
    peakHours: await queryPeakHours(warehouse, filters, PAGE_TOP.peakHours),
    dayOfMonth: await queryDayOfMonth(warehouse, filters),
    monthly,
    seasonal: await queryUsageMonthly(warehouse, { ...filters, from: addMonths(filters.to, -35) }),
    totals,
    comparison: { from: previous.from, to: previous.to, quantity: totals.quantity, previousQuantity, change: quantityChange(totals.quantity, previousQuantity) },
    topConsumers: await queryTopConsumers(warehouse, filters, PAGE_TOP.consumers),
    perCustomer: await queryPerCustomerTrend(warehouse, filters),
    partialLastMonth: filters.to === monthOf(context.now, context.timezone),
    definitions,
  };
}
