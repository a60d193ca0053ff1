import type { IsoDate } from '../escalation/index.ts';
import type { MetricDefinitions } from '../receivables/definitions.ts';

/** Which record of steps the analytics read: what staff approved, or what a policy replay simulated. */
export type LadderSource = 'recorded' | 'replay';

export interface LadderQuery {
  readonly source: LadderSource;
  /** The replay run (source 'replay'); null: the latest successful one. */
  readonly runId: bigint | null;
  /** Steps taken from this business day… */
  readonly from: IsoDate;
  /** …to this one, inclusive. */
  readonly to: IsoDate;
  /** Outcomes are judged on the warehouse's balances at the end of this day (default today). */
  readonly observedUntil: IsoDate;
}

/** One row of sql/queries/ladder_funnel.sql: a ladder step in one currency (minor units). */
export interface LadderFunnelRow {
  readonly stepOrder: number;
  readonly stepId: string;
  /** The step's label in the policy, e.g. "Reminder 1". */
  readonly label: string;
  readonly stepKind: string;
  readonly currency: string;
  readonly stepsTaken: number;
  readonly casesReached: number;
  readonly amountReached: bigint;
  readonly curedSteps: number;
  readonly curedMinor: bigint;
  readonly movedOnSteps: number;
  readonly movedOnMinor: bigint;
  readonly writtenOffSteps: number;
  readonly writtenOffMinor: bigint;
  readonly stillOpenSteps: number;
  readonly stillOpenMinor: bigint;
  /** cured / reached, by amount, 0–1; null when nothing was reached. */
  readonly cureRate: number | null;
  readonly medianDaysToCure: number | null;
}

/** One row of sql/queries/ladder_suspension_recovery.sql. */
export interface SuspensionRecoveryRow {
  readonly currency: string;
  readonly horizonDays: number;
  readonly suspensions: number;
  readonly amountSuspended: bigint;
  readonly observed: number;
  readonly observedMinor: bigint;
  readonly recoveredMinor: bigint;
  /** 0–1; null when no suspension is old enough. */
  readonly recoveryRate: number | null;
}

/** One row of sql/queries/ladder_agency.sql. */
export interface AgencyRow {
  readonly currency: string;
  readonly placed: number;
  readonly placedMinor: bigint;
  readonly recoveredMinor: bigint;
  readonly feeMinor: bigint;
  readonly netMinor: bigint;
  readonly recoveryRate: number | null;
}

/** One row of sql/queries/ladder_step_outcomes.sql: a step taken, in one currency. */
export interface StepOutcomeRow {
  readonly stepKey: string;
  readonly customerId: string;
  readonly stepId: string;
  readonly stepOrder: number;
  readonly currency: string;
  readonly takenOn: IsoDate;
  readonly amountMinor: bigint;
  readonly outcome: 'cured' | 'written_off' | 'moved_on' | 'still_open';
  readonly curedOn: IsoDate | null;
  readonly daysToCure: number | null;
}

export interface LadderDefinitions {
  readonly outcomes: MetricDefinitions;
  readonly funnel: MetricDefinitions;
  readonly suspension: MetricDefinitions;
  readonly agency: MetricDefinitions;
}

export interface LadderReport {
  readonly query: LadderQuery;
  /** Steps read from the chosen record (before the date filter). */
  readonly stepsRecorded: number;
  /** Steps of steps the current policy does not have, left out. */
  readonly unknownSteps: number;
  readonly funnel: readonly LadderFunnelRow[];
  readonly suspension: readonly SuspensionRecoveryRow[];
  readonly agency: readonly AgencyRow[];
  /** Currencies with any step in the period, sorted. */
  readonly currencies: readonly string[];
  /** As decimal strings, e.g. "0.25". */
  readonly agencyFeeRate: string;
  readonly cureTolerance: string;
}
