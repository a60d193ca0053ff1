import type { AppliedRate } from '../fx/types.ts';
import type { MinorUnits } from '../money.ts';
import type { MonthString } from '../months.ts';
import type { IncomeLineKey } from './lines.ts';

export type IncomeGranularity = 'month' | 'quarter' | 'year';
export type IncomeComparison = 'previous' | 'year';

/** The statement's filters after validation and defaults. */
export interface IncomeFilters {
  readonly from: MonthString;
  readonly to: MonthString;
  readonly segment?: string;
  readonly region?: string;
  /** Shown currency: the one filtered on, or the reporting currency everything is converted into. */
  readonly currency: string;
  /** True when all currencies are converted into `currency` at month-end rates. */
  readonly converted: boolean;
  readonly granularity: IncomeGranularity;
  readonly compare: IncomeComparison;
}

/** Every line's amount for one period (or the whole range), in minor units of the shown currency. */
export type IncomeAmounts = { readonly [K in IncomeLineKey]: MinorUnits };

export interface IncomePeriod {
  /** e.g. '2025-03', '2025-Q1', '2025'. */
  readonly label: string;
  readonly from: MonthString;
  readonly to: MonthString;
  readonly amounts: IncomeAmounts;
}

export interface IncomeStatement {
  readonly filters: IncomeFilters;
  readonly periods: IncomePeriod[];
  /** The whole selected range (flows summed; the deferred balance at its end). */
  readonly total: IncomeAmounts;
  /** The comparison range: the same number of months just before, or a year earlier. */
  readonly comparison: { readonly from: MonthString; readonly to: MonthString; readonly total: IncomeAmounts };
  /** Rates used when converting (empty otherwise): one per source currency and month. */
  readonly rates: AppliedRate[];
}
