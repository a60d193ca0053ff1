import type { MinorUnits } from '../money.ts';
import type { MonthString } from '../months.ts';

/**
 * The revenue dashboard's filters after validation and defaults. One currency at a time: money in
 * different currencies is never summed together.
 */
export interface RevenueFilters {
  /** First month shown, included. */
  readonly from: MonthString;
  /** Last month shown, included; never before `from`. */
  readonly to: MonthString;
  /** Exact segment value from the mart; absent means all segments. */
  readonly segment?: string;
  /** Exact region value from the mart; absent means all regions. */
  readonly region?: string;
  /** ISO 4217 code, upper case. */
  readonly currency: string;
}

/** One month of marts.revenue_monthly summed over the selected segments and regions. */
export interface RevenueMonthlyRow {
  readonly month: MonthString;
  readonly invoice_count: bigint;
  readonly invoiced_minor: MinorUnits;
  readonly invoiced_net_minor: MinorUnits;
  readonly tax_minor: MinorUnits;
  readonly payment_count: bigint;
  readonly collected_minor: MinorUnits;
  readonly refunds_minor: MinorUnits;
  readonly credit_notes_minor: MinorUnits;
  readonly net_collected_minor: MinorUnits;
}

export type RevenueAmountColumn = Extract<keyof RevenueMonthlyRow, `${string}_minor`>;
export type RevenueCountColumn = Extract<keyof RevenueMonthlyRow, `${string}_count`>;

/** Sums of the money columns over a period (no month). */
export type RevenueTotals = { readonly [K in RevenueAmountColumn]: MinorUnits };

/** A KPI card: one money measure over the selected period and the same months a year earlier. */
export interface RevenueKpi {
  readonly measure: RevenueAmountColumn;
  readonly current: MinorUnits;
  readonly previous: MinorUnits;
  /** (current − previous) / previous as a fraction (0.12 = +12 %); null when previous is 0. */
  readonly change: number | null;
}

/** The year-earlier period the KPIs compare with, and how much of it has data. */
export interface RevenueComparison {
  readonly from: MonthString;
  readonly to: MonthString;
  readonly months: number;
  /** Months of the year-earlier period with any mart row; fewer than `months` means a partial comparison. */
  readonly monthsWithData: number;
}

export interface RevenueFilterOptions {
  readonly segments: readonly string[];
  readonly regions: readonly string[];
  readonly currencies: readonly string[];
}

/** The latest row of meta.sync_runs, for the "last sync" badge. */
export interface LastSync {
  readonly runId: bigint;
  readonly mode: string;
  /** running | succeeded | failed | abandoned */
  readonly status: string;
  /** ISO 8601, UTC. */
  readonly startedAt: string;
  /** ISO 8601, UTC; null while running. */
  readonly finishedAt: string | null;
  readonly rowsQuarantined: bigint | null;
  /** null when the run did not get to reconciliation. */
  readonly reconciliationOk: boolean | null;
  readonly error: string | null;
}
