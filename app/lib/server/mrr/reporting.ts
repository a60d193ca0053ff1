import type { AppliedRate } from '../../fx/types.ts';
import { addMonths, type MonthString } from '../../months.ts';
import { convertMinor, FxRateBook, monthEnd } from '../fx/convert.ts';
import type { MrrPeriodRow } from './types.ts';

/**
 * One period's MRR bridge with every currency converted into the reporting currency. Opening MRR is
 * converted at the closing rate of the month before the period (so it equals the previous period's
 * closing), the movements and the closing MRR at the closing rate of the period's last month; the
 * difference a moving rate makes is its own line, `fxEffectMinor`, so the bridge still closes exactly:
 * opening + new + reactivation + expansion − contraction − churn + fx effect = closing.
 */
export interface ReportingMrrRow {
  readonly period: MonthString;
  readonly lastMonth: MonthString;
  readonly toDate: boolean;
  readonly openingMinor: bigint;
  readonly newMinor: bigint;
  readonly reactivationMinor: bigint;
  readonly expansionMinor: bigint;
  readonly contractionMinor: bigint;
  readonly churnMinor: bigint;
  readonly fxEffectMinor: bigint;
  readonly closingMinor: bigint;
  readonly arrMinor: bigint;
  /** Customers summed over currencies (a customer billed in two currencies counts twice). */
  readonly customers: number;
}

export interface ReportingMrr {
  readonly reporting: string;
  readonly rows: readonly ReportingMrrRow[];
  /** Every rate used, one per source currency and month (the period's closing and the opening's). */
  readonly rates: readonly AppliedRate[];
}

/**
 * Converts the per-currency periods of sql/queries/mrr_periods.sql (no breakdown) into one reporting
 * currency. Throws FxError FX_RATE_MISSING (400) naming the pair and day when a rate is missing.
 */
export function convertMrrPeriods(rows: readonly MrrPeriodRow[], reporting: string, book: FxRateBook): ReportingMrr {
  const rates = new Map<string, AppliedRate>();
  const rateFor = (currency: string, month: MonthString) => {
    const { ratio, applied } = book.rate(currency, reporting, monthEnd(month));
    if (applied.via !== 'identity') rates.set(`${currency}|${month}`, { ...applied, month });
    return ratio;
  };
  const byPeriod = new Map<string, ReportingMrrRow>();
  for (const r of rows) {
    const closeRate = rateFor(r.currency, r.lastMonth);
    const openRate = rateFor(r.currency, addMonths(r.firstMonth, -1));
    const at = (amount: bigint, ratio: ReturnType<typeof rateFor>) => convertMinor(amount, r.currency, reporting, ratio);
    const opening = at(r.openingMrrMinor, openRate);
    const moved = {
      newMinor: at(r.newMinor, closeRate),
      reactivationMinor: at(r.reactivationMinor, closeRate),
      expansionMinor: at(r.expansionMinor, closeRate),
      contractionMinor: at(r.contractionMinor, closeRate),
      churnMinor: at(r.churnMinor, closeRate),
    };
    const closing = at(r.mrrMinor, closeRate);
    const fxEffect = closing - opening - moved.newMinor - moved.reactivationMinor - moved.expansionMinor + moved.contractionMinor + moved.churnMinor;
    const prior = byPeriod.get(r.period);
    const add = (a: bigint | undefined, b: bigint) => (a ?? 0n) + b;
    byPeriod.set(r.period, {
      period: r.period,
      lastMonth: r.lastMonth,
      toDate: (prior?.toDate ?? false) || r.toDate,
      openingMinor: add(prior?.openingMinor, opening),
      newMinor: add(prior?.newMinor, moved.newMinor),
      reactivationMinor: add(prior?.reactivationMinor, moved.reactivationMinor),
      expansionMinor: add(prior?.expansionMinor, moved.expansionMinor),
      contractionMinor: add(prior?.contractionMinor, moved.contractionMinor),
      churnMinor: add(prior?.churnMinor, moved.churnMinor),
      fxEffectMinor: add(prior?.fxEffectMinor, fxEffect),
      closingMinor: add(prior?.closingMinor, closing),
      arrMinor: add(prior?.arrMinor, closing * 12n),
      customers: (prior?.customers ?? 0) + r.customers,
    });
  }
  return {
    reporting,
    rows: [...byPeriod.values()].sort((a, b) => a.period.localeCompare(b.period)),
    rates: [...rates.values()].sort((a, b) => (a.month ?? '').localeCompare(b.month ?? '') || a.currency.localeCompare(b.currency)),
  };
}
