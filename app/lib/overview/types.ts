import type { MonthString } from '../months.ts';

/** How a KPI is read: money in minor units of the page's currency, or days. */
export type KpiUnit = 'money' | 'days';

/**
 * One KPI card of the leadership overview: the figure for the month shown, the month before and a
 * year earlier, and the 12 months up to it for the sparkline. Money is bigint minor units.
 */
export interface OverviewKpi {
  readonly key: string;
  readonly label: string;
  readonly definition: string;
  readonly unit: KpiUnit;
  /** Where the figure is explained and broken down. */
  readonly href: string;
  /** Whether a rise is good news (invoiced) or bad (overdue, DSO): colours the change. */
  readonly higherIsBetter: boolean;
  readonly current: bigint | number | null;
  readonly previous: bigint | number | null;
  readonly yearAgo: bigint | number | null;
  /** Oldest first, one point per month of `months`. */
  readonly series: readonly (bigint | number | null)[];
}

export interface SegmentSeries {
  readonly segment: string;
  /** Invoiced per month (minor units), aligned with the overview's months. */
  readonly invoiced: readonly bigint[];
}

export interface AgingSummary {
  readonly asOf: string;
  readonly buckets: readonly { readonly label: string; readonly openMinor: bigint }[];
  readonly totalMinor: bigint;
}

/** The MRR movement bridge of the overview's month (opening + movements = closing, exactly). */
export interface MrrBridgeSummary {
  readonly month: MonthString;
  readonly openingMinor: bigint;
  readonly newMinor: bigint;
  readonly reactivationMinor: bigint;
  readonly expansionMinor: bigint;
  readonly contractionMinor: bigint;
  readonly churnMinor: bigint;
  readonly closingMinor: bigint;
}

export interface Overview {
  readonly currency: string;
  readonly currencies: readonly string[];
  /** The month the KPIs describe: the last complete month in the business time zone (or the latest with data). */
  readonly month: MonthString;
  /** The 12 months of the sparklines, oldest first, ending at `month`. */
  readonly months: readonly MonthString[];
  readonly kpis: readonly OverviewKpi[];
  /** Null when the month has no MRR rows (no subscriptions in this currency). */
  readonly mrrBridge: MrrBridgeSummary | null;
  readonly segments: readonly SegmentSeries[];
  readonly aging: AgingSummary;
}
