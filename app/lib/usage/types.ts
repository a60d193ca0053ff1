import type { MonthString } from '../months.ts';
import type { ReportFilters } from '../report-filters.ts';

/**
 * Usage figures (sql/queries/usage_*.sql). Quantities are exact decimal strings in the record's
 * unit (minute | message | mb | hour | call), as the warehouse summed them; shares are fractions 0–1.
 */

export interface UsageFilters extends ReportFilters {
  readonly service: string;
  readonly unit: string;
}

/** A service and unit present in the warehouse, for the picker. */
export interface ServiceOption {
  readonly service: string;
  readonly unit: string;
  readonly records: bigint;
}

export interface HeatmapCell {
  /** 1 Monday … 7 Sunday (ISO), local. */
  readonly isoWeekday: number;
  /** 0–23, local. */
  readonly hour: number;
  readonly quantity: string;
  readonly share: number;
}

export interface PeakHour {
  readonly rank: number;
  /** YYYY-MM-DD, local. */
  readonly localDate: string;
  readonly hour: number;
  readonly isoWeekday: number;
  readonly quantity: string;
  readonly share: number;
}

export interface DayOfMonthRow {
  readonly dayOfMonth: number;
  /** Months of the period that have this day. */
  readonly months: number;
  readonly quantity: string;
  readonly meanPerDay: number;
}

export interface UsageMonthRow {
  readonly month: MonthString;
  readonly quantity: string;
  readonly hourlyQuantity: string;
  readonly dailyQuantity: string;
  readonly records: bigint;
}

export interface TopConsumer {
  readonly rank: number;
  readonly customerId: string;
  readonly name: string;
  readonly segment: string;
  readonly region: string;
  readonly quantity: string;
  readonly share: number;
  readonly activeMonths: number;
  readonly activeDays: number;
}

export interface PerCustomerMonth {
  readonly month: MonthString;
  readonly activeCustomers: bigint;
  readonly totalQuantity: string;
  readonly meanQuantity: number;
  readonly medianQuantity: number;
  readonly p90Quantity: number;
}

/** The period's totals beside the same months a year earlier. */
export interface UsageComparison {
  readonly from: MonthString;
  readonly to: MonthString;
  readonly quantity: string;
  readonly previousQuantity: string;
  /** (current − previous) / previous; null when the earlier period had no usage. */
  readonly change: number | null;
}
