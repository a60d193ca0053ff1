/**
 * The escalation ladder as policy: plain data in, plain data out. No database, no clock: the
 * caller passes "today" and everything the engine may look at. Ledgerlens never writes into the
 * billing DB; approved actions go to the workbench's outbox and are published from there.
 */
import type { MinorUnits } from '../../money.ts';

/**
 * A calendar date 'YYYY-MM-DD' in the business's own time zone. The engine does no time-zone
 * math: the caller decides which day "today" is (and bucketed payments into days the same way).
 */
export type IsoDate = string;

/** An exact non-negative rational such as 1/300, or a key rate of 21 % as 21/100. Rates are fractions of 1, never percents. */
export interface Fraction {
  readonly numerator: bigint;
  /** Always > 0. */
  readonly denominator: bigint;
}

/** Amounts keyed by ISO 4217 currency code, each in that currency's minor units (cents, kopecks, whole yen). */
export type PerCurrency = Readonly<Record<string, MinorUnits>>;

// ---------------------------------------------------------------------------------------------
// Rates

/** One rate, in force from `from` (inclusive) until the next entry's `from` (exclusive). */
export interface DatedRate {
  readonly from: IsoDate;
  readonly rate: Fraction;
}

/** A history of a published rate (e.g. a central bank's key rate). Entries sorted by `from`, no duplicates. */
export interface DatedRateTable {
  /** Policies reference tables by this id, e.g. 'cbr-key-rate'. */
  readonly id: string;
  readonly name: string;
  /** Where the figures come from, so an admin can check and extend them. */
  readonly source: string;
  /** The last day someone checked the table against the source; entries after it may be missing. */
  readonly reviewedOn: IsoDate;
  readonly rates: readonly DatedRate[];
}

/** Rate tables by id. */
export type RateTableRegistry = Readonly<Record<string, DatedRateTable>>;

// ---------------------------------------------------------------------------------------------
// Late fees

/** Settings every late-fee shape shares. */
export interface LateFeeCommon {
  /** Days past due on which no fee accrues (0 = none). */
  readonly graceDays?: number;
  /**
   * What happens once grace is over. 'after_grace' (default): the fee counts from the first day
   * after grace, as Russian пеня counts from the day after the due date. 'from_due_date': once an
   * invoice is still open after grace, the fee counts back to the first day past due.
   */
  readonly graceCounting?: 'after_grace' | 'from_due_date';
  /** Upper bounds on one invoice's fee; when both are set the lower applies. */
  readonly cap?: LateFeeCap;
}

export interface LateFeeCap {
  /** E.g. 1/10 = at most 10 % of the invoice's principal (its amount at the due date). */
  readonly fractionOfPrincipal?: Fraction;
  /** At most this much per invoice, per currency. A currency missing here is an error, not "no cap". */
  readonly absolute?: PerCurrency;
}

/**
 * A share of a dated key rate per day on the overdue amount: fee per day = base × keyRate × fraction.
 * Russian пеня is 1/300 of the Bank of Russia key rate per day (fraction 1/300, table 'cbr-key-rate').
 */
export interface DailyKeyRateFractionRule extends LateFeeCommon {
  readonly kind: 'daily_key_rate_fraction';
  readonly fraction: Fraction;
  readonly rateTableId: string;
  /**
   * Which day's rate applies. 'each_day' (default): the rate in force on each overdue day, so a
   * rate change mid-period splits the accrual (tax пеня, НК РФ ст. 75). 'as_of': the rate in
   * force on the calculation day for every day (ЖК РФ ст. 155 ч. 14 and 44-ФЗ use the rate on the
   * day of payment).
   */
  readonly rateOn?: 'each_day' | 'as_of';
}

/** An annual rate pro rata per day, as ERPNext's dunning: fee = base × annualRate × days / 365. */
export interface AnnualRateProRataRule extends LateFeeCommon {
  readonly kind: 'annual_rate_pro_rata';
  readonly annualRate: Fraction;
  /** Days in the year the rate is divided by; 365 in leap years too, as ERPNext does. */
  readonly dayCount: 365;
}

/** A fixed fee for every reminder actually sent (status 'approved') that names the invoice. */
export interface FixedPerReminderRule extends LateFeeCommon {
  readonly kind: 'fixed_per_reminder';
  readonly amount: PerCurrency;
}

export type LateFeeRule = DailyKeyRateFractionRule | AnnualRateProRataRule | FixedPerReminderRule;

/** A run of consecutive days with the same base and the same rate. */
export interface LateFeePeriod {
  readonly from: IsoDate;
  /** Inclusive. */
  readonly to: IsoDate;
  readonly days: number;
  readonly baseMinor: MinorUnits;
  /** The key rate or annual rate used; null for fixed fees. */
  readonly rate: Fraction | null;
  /** Share of the base charged per day (e.g. keyRate/300 or annualRate/365). */
  readonly dailyRate: Fraction;
  /** base × days × dailyRate, exact, in minor units, before any rounding. */
  readonly accrued: Fraction;
}

/** One invoice's late fee as of a day: what to show a collector and what to charge. */
export interface InvoiceLateFee {
  readonly invoiceId: string;
  readonly currency: string;
  readonly asOf: IsoDate;
  readonly ruleKind: LateFeeRule['kind'];
  /** Days from the due date to `asOf` (0 or less when not yet due). */
  readonly daysPastDue: number;
  /** Days that accrued a fee (overdue, past grace, with a positive base). */
  readonly chargeableDays: number;
  /** The invoice's amount at the due date: what a fractional cap is a share of. */
  readonly principalMinor: MinorUnits;
  readonly periods: readonly LateFeePeriod[];
  /** Reminder dates charged by a fixed-per-reminder rule; empty for other rules. */
  readonly reminderDates: readonly IsoDate[];
  /** The exact uncapped fee in minor units. */
  readonly exactMinor: Fraction;
  /** The fee before the cap, rounded half-up once. */
  readonly uncappedFeeMinor: MinorUnits;
  /** The cap in minor units (rounded down, so the fee never exceeds it); null without a cap. */
  readonly capMinor: MinorUnits | null;
  readonly capped: boolean;
  /** The fee to show and charge: min(uncapped, cap). */
  readonly feeMinor: MinorUnits;
}

export interface LateFeeTotal {
  readonly currency: string;
  readonly feeMinor: MinorUnits;
}

export interface LateFeeResult {
  readonly asOf: IsoDate;
  readonly invoices: readonly InvoiceLateFee[];
  /** One line per currency, sorted by code: fees in different currencies are never added. */
  readonly totals: readonly LateFeeTotal[];
}

// ---------------------------------------------------------------------------------------------
// Policy

export type StepKind = 'reminder' | 'late_fee' | 'suspension' | 'agency_handoff' | 'personal_call';

/** Churn-risk bands, lowest first. */
export type RiskBand = 'low' | 'medium' | 'high';

export interface EscalationStep {
  /** Unique within the policy; part of every idempotency key, so never rename a step in use. */
  readonly id: string;
  readonly kind: StepKind;
  /** Shown to collectors, e.g. "Reminder 2". */
  readonly label: string;
  /** 'invoice': one action per overdue invoice. 'case': one action for the customer, naming the invoices that qualify. */
  readonly scope: 'invoice' | 'case';
  /** Due once an invoice is at least this many days past due (1 = the day after the due date). */
  readonly minDaysPastDue: number;
  /**
   * Open amount needed, per currency (for a case step: the qualifying invoices' sum in that
   * currency). null: no threshold. A currency missing from the map never meets the threshold.
   */
  readonly minOverdueMinor: PerCurrency | null;
  /** Segments the step applies to; null: all. Other segments pass over it. */
  readonly segments: readonly string[] | null;
  readonly requiresApproval: boolean;
}

export interface EscalationExceptions {
  /** Hold every step for an invoice flagged disputed (and leave it out of case steps). */
  readonly skipDisputed: boolean;
  /** Hold steps for invoices covered by a promise to pay that is in force. */
  readonly pauseOnPromise: boolean;
  /** Days after the promised date before the promise counts as broken. */
  readonly promiseGraceDays: number;
  /** Customer segments whose every action needs approval; default ['enterprise']. */
  readonly approvalSegments: readonly string[];
}

/**
 * Hook for a churn-risk model: for customers at or above `minRiskBand`, steps of the kinds in
 * `appliesTo` are proposed as `replaceKind` (e.g. a personal call instead of a suspension).
 */
export interface EscalationBranch {
  readonly when: { readonly minRiskBand: RiskBand };
  readonly replaceKind: StepKind;
  readonly appliesTo: readonly StepKind[];
}

export interface EscalationPolicy {
  readonly id: string;
  /** Ordered: the ladder is climbed in this order and never goes back down. */
  readonly steps: readonly EscalationStep[];
  readonly exceptions: EscalationExceptions;
  /** The rule `late_fee` steps charge by; required when the policy has a late_fee step. */
  readonly lateFee: LateFeeRule | null;
  /**
   * 'one_step' (default): at most one step per invoice per day (an invoice with a record dated
   * today waits for tomorrow). 'catch_up': every due step at once.
   */
  readonly sequencing: 'one_step' | 'catch_up';
  readonly branch: EscalationBranch | null;
}

// ---------------------------------------------------------------------------------------------
// Case input

/** A change to an invoice's open amount: payments and credit notes negative, extra charges positive. */
export interface BalanceChange {
  /**
   * The day it took effect. The fee for that day still counts on the balance before the change
   * (a fee accrues up to and including the day of payment).
   */
  readonly on: IsoDate;
  readonly deltaMinor: MinorUnits;
}

export interface CaseInvoice {
  readonly id: string;
  readonly currency: string;
  readonly dueDate: IsoDate;
  /** The invoice's open amount at the due date (its principal). */
  readonly amountMinor: MinorUnits;
  /** Every change after issue, any order; changes after the day being computed are ignored. */
  readonly balanceChanges: readonly BalanceChange[];
  readonly disputed: boolean;
}

export interface PromiseToPay {
  readonly id: string;
  readonly madeOn: IsoDate;
  /** The day the customer promised to pay by. */
  readonly payBy: IsoDate;
  readonly amountMinor: MinorUnits;
  readonly currency: string;
  /** The invoices it covers; null: every invoice of the case. */
  readonly invoiceIds: readonly string[] | null;
  /** 'open' until staff mark it (as the workbench's promises_to_pay.status); only an open promise pauses, and only until payBy + grace. */
  readonly status: 'open' | 'kept' | 'broken' | 'cancelled';
}

/** What happened to a proposal. Every status counts as "taken" for the ladder: a step is never proposed twice. */
export type StepRecordStatus = 'proposed' | 'approved' | 'skipped';

/** An earlier proposal and its fate, fed back into the next run (from the workbench's store). */
export interface StepRecord {
  readonly idempotencyKey: string;
  readonly stepId: string;
  readonly kind: StepKind;
  readonly invoiceIds: readonly string[];
  /** 1 for invoice steps; for case steps, which overdue episode of the customer it belongs to. */
  readonly cycle: number;
  /** The day of the status: proposed on, approved on (= sent on), skipped on. */
  readonly on: IsoDate;
  readonly status: StepRecordStatus;
}

export interface EscalationCase {
  readonly caseId: string;
  readonly customerId: string;
  readonly segment: string;
  /** From a churn-risk model; null when unknown (no branch applies). */
  readonly riskBand: RiskBand | null;
  readonly invoices: readonly CaseInvoice[];
  readonly promises: readonly PromiseToPay[];
  readonly history: readonly StepRecord[];
}

// ---------------------------------------------------------------------------------------------
// Output

export interface ProposedAction {
  /**
   * `${customerId}:${stepId}:${invoiceId | 'all'}:${cycle}`. Same input, same key: the workbench
   * keeps it unique so a repeated run never records or publishes an action twice.
   */
  readonly idempotencyKey: string;
  readonly caseId: string;
  readonly customerId: string;
  readonly stepId: string;
  /** What to do; differs from `stepKind` when a churn-risk branch replaced it. */
  readonly kind: StepKind;
  readonly stepKind: StepKind;
  readonly cycle: number;
  readonly invoiceIds: readonly string[];
  /** The fee to charge for late_fee actions; null otherwise. */
  readonly amountMinor: MinorUnits | null;
  readonly currency: string | null;
  /** The fee's breakdown for late_fee actions. */
  readonly lateFee: InvoiceLateFee | null;
  /** One or two sentences a collector understands. */
  readonly reason: string;
  readonly needsApproval: boolean;
  /** Why it needs approval; null when it does not. */
  readonly approvalReason: string | null;
  readonly proposedOn: IsoDate;
}

export type HoldCode = 'disputed' | 'promise_in_force' | 'below_threshold' | 'no_fee_accrued';

/** A step that was due but not proposed, and why: shown beside the proposals. */
export interface HeldStep {
  readonly stepId: string;
  readonly kind: StepKind;
  readonly invoiceIds: readonly string[];
  readonly code: HoldCode;
  readonly reason: string;
}

export interface EscalationPlan {
  readonly caseId: string;
  readonly today: IsoDate;
  readonly proposals: readonly ProposedAction[];
  readonly held: readonly HeldStep[];
}
