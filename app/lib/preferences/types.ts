import type { MonthString } from '../months.ts';

/** Customer-preference figures (sql/queries/preferences_*.sql). Counts are bigint; shares fractions 0–1. */

export interface PlanMixRow {
  readonly month: MonthString;
  readonly planCode: string;
  readonly planName: string;
  readonly family: string;
  readonly tier: number;
  readonly subscriptions: bigint;
  readonly share: number;
  readonly quantity: bigint;
  readonly customers: bigint;
  readonly upgradedSubscriptions: bigint;
}

export interface MigrationRow {
  /** null: the subscription started. */
  readonly fromPlanCode: string | null;
  /** null: the subscription ended. */
  readonly toPlanCode: string | null;
  readonly subscriptions: bigint;
  readonly upgrades: bigint;
  readonly downgrades: bigint;
  readonly reactivations: bigint;
}

export interface FrequencyRow {
  readonly service: string;
  readonly unit: string;
  readonly activeDays: number;
  readonly customerMonths: bigint;
  readonly customerMonthsAtLeast: bigint;
  readonly inService: bigint;
  readonly shareAtLeast: number | null;
}

export interface AdoptionMonth {
  readonly month: MonthString;
  readonly customers: bigint;
  readonly multiSubscription: bigint;
  readonly multiFamily: bigint;
  readonly multiSubscriptionShare: number;
  readonly addOnShare: number;
}

export interface CombinationRow {
  readonly combination: string;
  readonly families: number;
  readonly subscriptions: number;
  readonly customers: bigint;
  readonly share: number;
}

export interface TierRow {
  readonly family: string;
  readonly tier: number;
  readonly planCode: string;
  readonly planName: string;
  readonly subscriptions: bigint;
  readonly shareOfFamily: number;
  readonly upgradedSubscriptions: bigint;
  readonly upgradedShare: number;
}
