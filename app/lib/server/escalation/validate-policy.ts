import { EscalationError } from './errors.ts';
import { validateLateFeeRule } from './late-fee.ts';
import { BUILT_IN_RATE_TABLES } from './key-rates.ts';
import type { EscalationPolicy, RateTableRegistry, RiskBand, StepKind } from './types.ts';

const STEP_KINDS: readonly StepKind[] = ['reminder', 'late_fee', 'suspension', 'agency_handoff', 'personal_call'];
export const RISK_BANDS: readonly RiskBand[] = ['low', 'medium', 'high'];

/** One thing wrong with a policy: `field` is its path ('steps[2].minDaysPastDue', 'lateFee.fraction'). */
export interface PolicyProblem {
  readonly field: string;
  readonly code: EscalationError['code'];
  readonly message: string;
}

/**
 * Every problem of a policy, in field order (empty: the policy can run). The policy editor shows
 * them all beside their fields at once; the late-fee rule reports its first problem only.
 */
export function policyProblems(policy: EscalationPolicy, rateTables: RateTableRegistry = BUILT_IN_RATE_TABLES): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const fail = (field: string, message: string): void => {
    problems.push({ field, code: 'BAD_POLICY', message: `policy "${policy.id}": ${message}` });
  };
  if (policy.steps.length === 0) fail('steps', 'has no steps');
  const ids = new Set<string>();
  policy.steps.forEach((step, i) => {
    const field = `steps[${i}]`;
    if (!/^[a-z0-9][a-z0-9_-]*$/.test(step.id)) fail(`${field}.id`, `step id "${step.id}" must be lower-case letters, digits, "-" or "_" (it is part of idempotency keys)`);
    else if (ids.has(step.id)) fail(`${field}.id`, `step id "${step.id}" is used twice`);
    ids.add(step.id);
    if (step.label.trim() === '') fail(`${field}.label`, `step "${step.id}" needs a label collectors will see`);
    if (!STEP_KINDS.includes(step.kind)) fail(`${field}.kind`, `unknown step kind "${step.kind}"`);
    if (!Number.isInteger(step.minDaysPastDue) || step.minDaysPastDue < 1) fail(`${field}.minDaysPastDue`, `minDaysPastDue must be a whole number ≥ 1 (day 1 is the day after the due date)`);
    if (step.kind === 'late_fee' && step.scope !== 'invoice') fail(`${field}.scope`, 'a late_fee step must have scope "invoice": fees are charged per invoice and currency');
    if (step.kind === 'late_fee' && policy.lateFee === null) fail('lateFee', `step "${step.id}" charges a late fee but the policy has no lateFee rule`);
    for (const [currency, amount] of Object.entries(step.minOverdueMinor ?? {})) {
      if (amount < 0n) fail(`${field}.minOverdueMinor.${currency}`, 'thresholds must be ≥ 0');
    }
    if (step.segments !== null && step.segments.length === 0) fail(`${field}.segments`, `step "${step.id}" applies to no segment; leave segments empty (null) for all`);
  });
  const exceptions = policy.exceptions;
  if (!Number.isInteger(exceptions.promiseGraceDays) || exceptions.promiseGraceDays < 0) fail('exceptions.promiseGraceDays', 'promiseGraceDays must be a whole number ≥ 0');
  if (policy.sequencing !== 'one_step' && policy.sequencing !== 'catch_up') fail('sequencing', `sequencing must be "one_step" or "catch_up"`);
  if (policy.branch) {
    if (!RISK_BANDS.includes(policy.branch.when.minRiskBand)) fail('branch.when.minRiskBand', `unknown risk band "${policy.branch.when.minRiskBand}"`);
    if (!STEP_KINDS.includes(policy.branch.replaceKind)) fail('branch.replaceKind', `unknown step kind "${policy.branch.replaceKind}"`);
  }
  if (policy.lateFee) {
    try {
      validateLateFeeRule(policy.lateFee, rateTables);
    } catch (err) {
      if (!(err instanceof EscalationError)) throw err;
      problems.push({ field: err.field.startsWith('lateFee') ? err.field : `lateFee.${err.field}`, code: err.code, message: err.message });
    }
  }
  return problems;
}

/**
 * Throws BAD_POLICY (or a late-fee rule's error) naming the field at fault: the first of
 * policyProblems. Policies come from an admin screen, so every check says how to fix it;
 * proposeActions calls this first.
 */
export function validatePolicy(policy: EscalationPolicy, rateTables: RateTableRegistry = BUILT_IN_RATE_TABLES): void {
  const [first] = policyProblems(policy, rateTables);
  if (first) throw new EscalationError(first.code, first.field, first.message);
}
