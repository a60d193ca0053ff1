import type { DuckDBValue } from '@duckdb/node-api';
import type { Warehouse } from '../../../../pipelines/warehouse/connection.ts';
import { sqlQuery } from '../../../../pipelines/warehouse/sql-files.ts';
import { monthStartDate, type MonthString } from '../../months.ts';
import type {
  DayOfMonthRow,
  HeatmapCell,
  PeakHour,
  PerCustomerMonth,
  ServiceOption,
  TopConsumer,
  UsageFilters,
  UsageMonthRow,
} from '../../usage/types.ts';
import { personal } from '../auth/mask.ts';

/** The only dependency: parameterised reads. */
export type WarehouseReader = Pick<Warehouse, 'query'>;

/** $1 service, $2 unit, $3 first month, $4 last month, $5 segment, $6 region: every usage query's parameters. */
export function usageParams(filters: UsageFilters): DuckDBValue[] {
  return [filters.service, filters.unit, monthStartDate(filters.from), monthStartDate(filters.to), filters.segment, filters.region];
}

/** Services and units in the warehouse, most records first. */
export async function queryServiceOptions(warehouse: WarehouseReader): Promise<ServiceOption[]> {
  return warehouse.query<ServiceOption>(
    `select service, unit, sum(records)::bigint as records from marts.usage_daily group by service, unit order by records desc, service, unit`,
  );
}

/** Segments and regions present among customers with usage, for the filter pickers. */
export async function queryUsageDimensions(warehouse: WarehouseReader): Promise<{ segments: string[]; regions: string[] }> {
  const rows = await warehouse.query<{ kind: string; value: string }>(
    `select distinct 'segment' as kind, segment as value from marts.usage_customer_monthly
     union select distinct 'region', region from marts.usage_customer_monthly order by 1, 2`,
  );
  return { segments: rows.filter((r) => r.kind === 'segment').map((r) => r.value), regions: rows.filter((r) => r.kind === 'region').map((r) => r.value) };
}

/** The latest local month with usage; null with no usage at all. */
export async function queryLatestUsageMonth(warehouse: WarehouseReader): Promise<MonthString | null> {
  const [row] = await warehouse.query<{ latest: string | null }>(`select strftime(max(local_date), '%Y-%m') as latest from marts.usage_daily`);
  return (row?.latest ?? null) as MonthString | null;
}

export async function queryHeatmap(warehouse: WarehouseReader, filters: UsageFilters): Promise<HeatmapCell[]> {
  const rows = await warehouse.query<{ iso_weekday: number; local_hour: number; quantity: string; share: number }>(sqlQuery('usage_heatmap'), usageParams(filters));
  return rows.map((r) => ({ isoWeekday: r.iso_weekday, hour: r.local_hour, quantity: r.quantity, share: r.share }));
}

export async function queryPeakHours(warehouse: WarehouseReader, filters: UsageFilters, top: number): Promise<PeakHour[]> {
  const rows = await warehouse.query<{ rank: number; local_date: string; local_hour: number; iso_weekday: number; quantity: string; share: number }>(
    sqlQuery('usage_peak_hours'),
    [...usageParams(filters), top],
  );
  return rows.map((r) => ({ rank: r.rank, localDate: r.local_date, hour: r.local_hour, isoWeekday: r.iso_weekday, quantity: r.quantity, share: r.share }));
}

export async function queryDayOfMonth(warehouse: WarehouseReader, filters: UsageFilters): Promise<DayOfMonthRow[]> {
  const rows = await warehouse.query<{ day_of_month: number; months: number; quantity: string; mean_per_day: number }>(sqlQuery('usage_day_of_month'), usageParams(filters));
  return rows.map((r) => ({ dayOfMonth: r.day_of_month, months: r.months, quantity: r.quantity, meanPerDay: r.mean_per_day }));
}

export async function queryUsageMonthly(warehouse: WarehouseReader, filters: UsageFilters): Promise<UsageMonthRow[]> {
  const rows = await warehouse.query<{ month: MonthString; quantity: string; hourly_quantity: string; daily_quantity: string; records: bigint }>(
    sqlQuery('usage_monthly'),
    usageParams(filters),
  );
  return rows.map((r) => ({ month: r.month, quantity: r.quantity, hourlyQuantity: r.hourly_quantity, dailyQuantity: r.daily_quantity, records: r.records }));
}

export async function queryTopConsumers(warehouse: WarehouseReader, filters: UsageFilters, top: number): Promise<TopConsumer[]> {
  const rows = await warehouse.query<{
    rank: number; customer_id: string; name: string; segment: string; region: string; quantity: string; share: number; active_months: number; active_days: number;
  }>(sqlQuery('usage_top_consumers'), [...usageParams(filters), top]);
  return rows.map((r) => ({
    rank: r.rank, customerId: r.customer_id, name: personal(r.name, 'name'), segment: r.segment, region: r.region, quantity: r.quantity,
    share: r.share, activeMonths: r.active_months, activeDays: r.active_days,
  }));
}

export async function queryPerCustomerTrend(warehouse: WarehouseReader, filters: UsageFilters): Promise<PerCustomerMonth[]> {
  const rows = await warehouse.query<{
    month: MonthString; active_customers: bigint; total_quantity: string; mean_quantity: number; median_quantity: number; p90_quantity: number;
  }>(sqlQuery('usage_per_customer_trend'), usageParams(filters));
  return rows.map((r) => ({
    month: r.month, activeCustomers: r.active_customers, totalQuantity: r.total_quantity,
    meanQuantity: r.mean_quantity, medianQuantity: r.median_quantity, p90Quantity: r.p90_quantity,
  }));
}
