import type { MonthString } from '../../months.ts';

/**
 * The choices MRR tools hard-code differently, settings here (defaults first). Each is bound as a
 * parameter of sql/queries/mrr_customer_movements.sql, whose header defines it.
 */
export interface MrrSettings {
  /** null: off. N: a customer more than N days past due at a close counts as churned then. */
  readonly pastDueChurnDays: number | null;
  /** Add the trailing three-month usage average to MRR. */
  readonly usageInMrr: boolean;
  readonly trials: 'exclude' | 'count';
  readonly freePlans: 'exclude' | 'count';
}

export type MrrGroupBy = 'none' | 'segment' | 'region' | 'plan';
export type MrrPeriod = 'month' | 'quarter' | 'year';
export const MOVEMENT_KINDS = ['new', 'reactivation', 'expansion', 'contraction', 'churn'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

/** Filters; null for all. Currencies are filtered, never converted or added. */
export interface MrrFilters {
  readonly currency: string | null;
  readonly segment: string | null;
  readonly region: string | null;
  /** A plan code (e.g. SAAS-PRO); movements are then classified per customer × plan. */
  readonly plan: string | null;
}

/** What /mrr, /retention and their API endpoints are asked for. */
export interface MrrInput {
  readonly settings: MrrSettings;
  readonly filters: MrrFilters;
  readonly groupBy: MrrGroupBy;
  readonly period: MrrPeriod;
  /** First and last month shown (business time zone); null: the last 24 months with data. */
  readonly from: MonthString | null;
  readonly to: MonthString | null;
}

/**
 * One period × currency × group of sql/queries/mrr_periods.sql. Money: minor units of `currency`
 * (bigint); rates: fractions, null where the denominator is zero.
 */
export interface MrrPeriodRow {
  /** First month of the period, YYYY-MM. */
  readonly period: MonthString;
  readonly currency: string;
  /** The group's key under groupBy ('' without grouping). */
  readonly groupKey: string;
  readonly firstMonth: MonthString;
  readonly lastMonth: MonthString;
  readonly months: number;
  /** The close of lastMonth is still ahead: figures as of the last sync, not final. */
  readonly toDate: boolean;
  readonly openingMrrMinor: bigint;
  readonly newMinor: bigint;
  readonly reactivationMinor: bigint;
  readonly expansionMinor: bigint;
  readonly contractionMinor: bigint;
  readonly churnMinor: bigint;
  readonly netChangeMinor: bigint;
  readonly mrrMinor: bigint;
  readonly arrMinor: bigint;
  readonly usageMinor: bigint;
  readonly openingCustomers: number;
  readonly newCustomers: number;
  readonly reactivatedCustomers: number;
  readonly churnedCustomers: number;
  readonly customers: number;
  readonly payingCustomers: number;
  readonly logoChurnRate: number | null;
  readonly revenueChurnRate: number | null;
  readonly netRevenueChurnRate: number | null;
  readonly grr: number | null;
  readonly nrr: number | null;
  readonly grr12m: number | null;
  readonly nrr12m: number | null;
  readonly arpuMinor: bigint | null;
  readonly ltvMinor: bigint | null;
  readonly changeMrr: number | null;
  readonly changeCustomers: number | null;
  readonly changeArpu: number | null;
}

/** One customer's movement in one month (the drill-down of a bridge figure). */
export interface MovementCustomer {
  readonly month: MonthString;
  readonly customerId: string;
  readonly customerName: string;
  readonly segment: string;
  readonly region: string;
  /** Set when movements are per plan. */
  readonly planCode: string | null;
  readonly currency: string;
  readonly kind: MovementKind;
  readonly previousMrrMinor: bigint;
  readonly mrrMinor: bigint;
  /** mrr − previous: what the customer adds to the bridge (negative for contraction and churn). */
  readonly deltaMinor: bigint;
  readonly usageMinor: bigint;
  readonly trialMinor: bigint;
  readonly maxDaysPastDue: number | null;
  readonly pastDueChurned: boolean;
  /** What happened to its subscriptions between the two closes. */
  readonly events: readonly SubscriptionEvent[];
}

export interface SubscriptionEvent {
  readonly subscriptionId: string;
  /** A version's change_kind (new, upgrade, downgrade, quantity, reactivation), or 'ended' or 'trial_ended'. */
  readonly event: string;
  /** UTC instant, ISO. */
  readonly at: string;
  readonly planCode: string;
  readonly quantity: number | null;
  /** The version's MRR (price / billing months, rounded), null for 'ended'. */
  readonly mrrMinor: bigint | null;
}

/** One cell of a cohort table. */
export interface CohortCell {
  readonly cohort: MonthString;
  readonly currency: string;
  readonly age: number;
  readonly customers: number;
  readonly cohortCustomers: number;
  readonly mrrMinor: bigint;
  readonly cohortMrrMinor: bigint;
  readonly logoRetention: number;
  readonly revenueRetention: number | null;
}
