import { WEEKDAY_LABELS } from '../../usage/display.ts';
import type { PeakSlot } from '../../usage/peaks.ts';
import type { DayOfMonthRow, HeatmapCell, PeakHour, PerCustomerMonth, TopConsumer, UsageFilters, UsageMonthRow } from '../../usage/types.ts';
import { csvText } from '../csv.ts';

/**
 * CSV exports of the usage figures: every file starts with the filter columns (service, unit,
 * segment and region — "all" when not filtered) and carries quantities exactly as recorded, in
 * `unit` (data in MB; the page shows GB = MB / 1024). Shares are fractions 0–1.
 */

const filterCells = (f: UsageFilters) => [f.service, f.unit, f.segment ?? 'all', f.region ?? 'all'];
const FILTER_HEADER = ['service', 'unit', 'segment', 'region'];
const fraction = (share: number | null) => (share === null ? '' : share.toFixed(6));

export function heatmapCsv(filters: UsageFilters, cells: readonly HeatmapCell[]): string {
  return csvText([
    [...FILTER_HEADER, 'from', 'to', 'iso_weekday', 'weekday', 'local_hour', 'quantity', 'share'],
    ...cells.map((c) => [...filterCells(filters), filters.from, filters.to, String(c.isoWeekday), WEEKDAY_LABELS[c.isoWeekday - 1]!, String(c.hour), c.quantity, fraction(c.share)]),
  ]);
}

export function peakSlotsCsv(filters: UsageFilters, slots: readonly PeakSlot[]): string {
  return csvText([
    [...FILTER_HEADER, 'from', 'to', 'rank', 'iso_weekday', 'weekday', 'local_hour', 'quantity', 'share', 'cumulative_share'],
    ...slots.map((s) => [...filterCells(filters), filters.from, filters.to, String(s.rank), String(s.isoWeekday), WEEKDAY_LABELS[s.isoWeekday - 1]!, String(s.hour), s.quantity, fraction(s.share), fraction(s.cumulativeShare)]),
  ]);
}

export function peakHoursCsv(filters: UsageFilters, hours: readonly PeakHour[]): string {
  return csvText([
    [...FILTER_HEADER, 'rank', 'local_date', 'local_hour', 'quantity', 'share'],
    ...hours.map((h) => [...filterCells(filters), String(h.rank), h.localDate, String(h.hour), h.quantity, fraction(h.share)]),
  ]);
}

export function dayOfMonthCsv(filters: UsageFilters, rows: readonly DayOfMonthRow[]): string {
  return csvText([
    [...FILTER_HEADER, 'from', 'to', 'day_of_month', 'months', 'quantity', 'mean_per_day'],
    ...rows.map((r) => [...filterCells(filters), filters.from, filters.to, String(r.dayOfMonth), String(r.months), r.quantity, r.meanPerDay.toFixed(3)]),
  ]);
}

export function monthlyCsv(filters: UsageFilters, rows: readonly UsageMonthRow[]): string {
  return csvText([
    [...FILTER_HEADER, 'month', 'quantity', 'hourly_quantity', 'daily_quantity', 'records'],
    ...rows.map((r) => [...filterCells(filters), r.month, r.quantity, r.hourlyQuantity, r.dailyQuantity, r.records.toString()]),
  ]);
}

export function topConsumersCsv(filters: UsageFilters, rows: readonly TopConsumer[]): string {
  return csvText([
    [...FILTER_HEADER, 'from', 'to', 'rank', 'customer_id', 'name', 'customer_segment', 'customer_region', 'quantity', 'share', 'active_months', 'active_days'],
    ...rows.map((r) => [...filterCells(filters), filters.from, filters.to, String(r.rank), r.customerId, r.name, r.segment, r.region, r.quantity, fraction(r.share), String(r.activeMonths), String(r.activeDays)]),
  ]);
}

export function perCustomerCsv(filters: UsageFilters, rows: readonly PerCustomerMonth[]): string {
  return csvText([
    [...FILTER_HEADER, 'month', 'active_customers', 'total_quantity', 'mean_quantity', 'median_quantity', 'p90_quantity'],
    ...rows.map((r) => [...filterCells(filters), r.month, r.activeCustomers.toString(), r.totalQuantity, r.meanQuantity.toFixed(3), r.medianQuantity.toFixed(3), r.p90Quantity.toFixed(3)]),
  ]);
}

/** usage-<what>_<service>_<from>_<to>.csv */
export function usageCsvFilename(what: string, filters: UsageFilters): string {
  return `usage-${what}_${filters.service}_${filters.from}_${filters.to}.csv`;
}
