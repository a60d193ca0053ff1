import { minorUnits } from '../../money.ts';
import { fraction } from './fraction.ts';
import type { EscalationBranch, EscalationPolicy, LateFeeRule } from './types.ts';

/**
 * Default agency hand-off threshold: 500 in the major unit. Placeholder amounts for the
 * currencies Ledgerlens's demo uses; a currency missing here never reaches the agency step.
 */
const AGENCY_THRESHOLD = {
  USD: minorUnits(50_000n),
  EUR: minorUnits(50_000n),
  GBP: minorUnits(50_000n),
  RUB: minorUnits(5_000_000n),
  JPY: minorUnits(50_000n),
};

/** 12 % a year pro rata, no grace, no cap: a neutral default; pick the shape your contracts and law allow. */
const DEFAULT_LATE_FEE: LateFeeRule = { kind: 'annual_rate_pro_rata', annualRate: fraction(12n, 100n), dayCount: 365 };

/**
 * The ladder from the issue: reminder 1 at 1 day past due, reminder 2 at 10, late fee at 15,
 * service suspension at 30 (consumer and SMB customers only), agency hand-off at 90 when at least
 * the threshold is open (always with approval). Enterprise customers: every action needs approval.
 */
/**
 * The churn-risk branch the default ladder ships with: a customer in the high churn band gets a
 * personal call where the ladder would suspend service or hand the debt to an agency (losing the
 * customer costs more than the call). Known limitation: no customer-value condition yet.
 */
export const DEFAULT_CHURN_BRANCH: EscalationBranch = { when: { minRiskBand: 'high' }, replaceKind: 'personal_call', appliesTo: ['suspension', 'agency_handoff'] };

export function defaultPolicy(overrides: Partial<Pick<EscalationPolicy, 'id' | 'lateFee' | 'branch' | 'sequencing'>> = {}): EscalationPolicy {
  return {
    id: 'default',
    steps: [
      { id: 'reminder-1', kind: 'reminder', label: 'Reminder 1', scope: 'invoice', minDaysPastDue: 1, minOverdueMinor: null, segments: null, requiresApproval: false },
      { id: 'reminder-2', kind: 'reminder', label: 'Reminder 2', scope: 'invoice', minDaysPastDue: 10, minOverdueMinor: null, segments: null, requiresApproval: false },
      { id: 'late-fee', kind: 'late_fee', label: 'Late fee', scope: 'invoice', minDaysPastDue: 15, minOverdueMinor: null, segments: null, requiresApproval: false },
      { id: 'suspension', kind: 'suspension', label: 'Service suspension', scope: 'case', minDaysPastDue: 30, minOverdueMinor: null, segments: ['consumer', 'smb'], requiresApproval: false },
      { id: 'agency-handoff', kind: 'agency_handoff', label: 'Hand-off to collection agency', scope: 'case', minDaysPastDue: 90, minOverdueMinor: AGENCY_THRESHOLD, segments: null, requiresApproval: true },
    ],
    exceptions: { skipDisputed: true, pauseOnPromise: true, promiseGraceDays: 0, approvalSegments: ['enterprise'] },
    lateFee: DEFAULT_LATE_FEE,
    sequencing: 'one_step',
    branch: DEFAULT_CHURN_BRANCH,
    ...overrides,
  };
}
