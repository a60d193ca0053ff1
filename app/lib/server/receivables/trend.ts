import type { Warehouse } from '../../../../pipelines/warehouse/connection.ts';
import { agingReport } from './aging.ts';
import { monthEndsUntil } from './dates.ts';
import { bucketLabels } from './params.ts';
import type { AgeBasis, AgingBucket } from './types.ts';

/** How many month ends the trend shows. */
export const TREND_MONTHS = 12;

export interface AgingTrendParams {
  /** The one currency of the trend (amounts in different currencies are never added). */
  readonly currency: string;
  readonly basis: AgeBasis;
  /** Bucket upper bounds in days, as in AgingParams. */
  readonly bounds: readonly number[];
  /** The series ends at the last month end on or before this day (YYYY-MM-DD, business time zone). */
  readonly until: string;
  /** Number of month ends, default TREND_MONTHS. */
  readonly months?: number;
}

export interface AgingTrendPoint {
  /** The month end, YYYY-MM-DD: balances at the end of that day in the business time zone. */
  readonly asOf: string;
  /** Its month, YYYY-MM. */
  readonly month: string;
  /** Open balance per bucket, minor units of the trend's currency; zeros when nothing was open. */
  readonly buckets: readonly bigint[];
  /** Sum of the buckets: the open balances at that month end. */
  readonly total: bigint;
  readonly invoices: number;
}

export interface AgingTrend {
  readonly currency: string;
  readonly basis: AgeBasis;
  readonly bounds: readonly number[];
  readonly buckets: readonly AgingBucket[];
  /** Oldest first. */
  readonly points: readonly AgingTrendPoint[];
}

/**
 * Aging bucket totals of one currency at each of the last month ends: agingReport (grouped by
 * currency) run once per month end, so every point is exactly the aging report of that day.
 * Known limitation: one warehouse query per month end (12 by default); fine for a page load, and
 * what makes the trend agree with the report by construction.
 */
export async function agingTrend(db: Pick<Warehouse, 'query'>, params: AgingTrendParams): Promise<AgingTrend> {
  const width = params.bounds.length + 1;
  const points: AgingTrendPoint[] = [];
  for (const asOf of monthEndsUntil(params.until, params.months ?? TREND_MONTHS)) {
    const report = await agingReport(db, { asOf, basis: params.basis, bounds: params.bounds, groupBy: 'currency' });
    const total = report.totals.find((t) => t.currency === params.currency);
    points.push({
      asOf,
      month: asOf.slice(0, 7),
      buckets: total ? [...total.buckets] : Array<bigint>(width).fill(0n),
      total: total?.total ?? 0n,
      invoices: total?.invoices ?? 0,
    });
  }
  return {
    currency: params.currency,
    basis: params.basis,
    bounds: params.bounds,
    buckets: bucketLabels(params.bounds, params.basis).map((label, index) => ({ index, label })),
    points,
  };
}
