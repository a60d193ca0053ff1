/**
 * The escalation policy as the editor's form holds it: plain strings and booleans, so it survives
 * the trip to the browser and back (no bigint, no fractions). The server turns a policy into a
 * draft (server/collections/policy-form.ts) and a posted form back into a policy; amounts are
 * written in major units with their currency ("500.00 USD, 50000 RUB"), rates as percentages or
 * as the law's fraction ("1/300"). Client-safe.
 */

export const STEP_KINDS = ['reminder', 'late_fee', 'suspension', 'agency_handoff', 'personal_call'] as const;
export type DraftStepKind = (typeof STEP_KINDS)[number];

export const LATE_FEE_SHAPES = [
  { kind: 'daily_key_rate_fraction', label: 'Daily key-rate fraction (пеня: e.g. 1/300 of the key rate per day)' },
  { kind: 'annual_rate_pro_rata', label: 'Annual rate pro rata (e.g. 12 % a year / 365 per day)' },
  { kind: 'fixed_per_reminder', label: 'Fixed fee per reminder sent' },
  { kind: 'none', label: 'No late fee' },
] as const;
export type DraftLateFeeKind = (typeof LATE_FEE_SHAPES)[number]['kind'];

export interface StepDraft {
  /** Read-only once stored (it is part of idempotency keys); new steps may leave it empty (made from the label). */
  id: string;
  /** True for a step added in this edit: its id may still be chosen. */
  isNew: boolean;
  label: string;
  kind: DraftStepKind;
  scope: 'invoice' | 'case';
  minDaysPastDue: string;
  /** "500.00 USD, 50000 RUB"; empty: any amount. */
  minOverdue: string;
  /** Comma-separated segments; empty: all. */
  segments: string;
  requiresApproval: boolean;
}

export interface LateFeeDraft {
  kind: DraftLateFeeKind;
  /** Daily key-rate fraction: "1/300". */
  fraction: string;
  rateTableId: string;
  rateOn: 'each_day' | 'as_of';
  /** Annual rate pro rata, in percent: "12". */
  annualPercent: string;
  /** Fixed per reminder: "5.00 USD, 500 RUB". */
  amounts: string;
  graceDays: string;
  graceCounting: 'after_grace' | 'from_due_date';
  /** Cap as a percentage of the invoice's principal; empty: none. */
  capPercent: string;
  /** Absolute cap per currency; empty: none. */
  capAmounts: string;
}

export interface PolicyDraft {
  steps: StepDraft[];
  lateFee: LateFeeDraft;
  exceptions: { skipDisputed: boolean; pauseOnPromise: boolean; promiseGraceDays: string; approvalSegments: string };
  sequencing: 'one_step' | 'catch_up';
}

/** A problem the editor shows beside the field it names (a draft path such as `steps[1].minDaysPastDue`). */
export interface DraftProblem {
  readonly field: string;
  readonly message: string;
}

export function emptyStep(): StepDraft {
  return { id: '', isNew: true, label: '', kind: 'reminder', scope: 'invoice', minDaysPastDue: '', minOverdue: '', segments: '', requiresApproval: false };
}

/**
 * The draft field an engine field path belongs to: `steps[2].minOverdueMinor.USD` →
 * `steps[2].minOverdue`, `lateFee.cap.fractionOfPrincipal` → `lateFee.capPercent`, and so on.
 */
export function draftField(enginePath: string): string {
  const step = /^(steps\[\d+\])\.(\w+)/.exec(enginePath);
  if (step) return `${step[1]}.${step[2] === 'minOverdueMinor' ? 'minOverdue' : step[2]}`;
  if (enginePath.startsWith('lateFee.annualRate')) return 'lateFee.annualPercent';
  if (enginePath.startsWith('lateFee.amount')) return 'lateFee.amounts';
  if (enginePath.startsWith('lateFee.cap.fractionOfPrincipal')) return 'lateFee.capPercent';
  if (enginePath.startsWith('lateFee.cap.absolute')) return 'lateFee.capAmounts';
  if (enginePath.startsWith('lateFee.rateTable')) return 'lateFee.rateTableId';
  if (enginePath === 'lateFee' || enginePath === 'lateFee.dayCount') return 'lateFee.kind';
  return enginePath;
}

/** "Reminder 3" → "reminder-3": the id a new step gets from its label. */
export function stepIdFromLabel(label: string): string {
  return label
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}
