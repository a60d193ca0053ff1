/**
 * What changed between two versions of a policy, one sentence per change, for the version history.
 * Steps are matched by id (ids never change once in use: they are part of idempotency keys).
 */
import { describeLateFee, describeSegments, describeThreshold } from './describe-policy.ts';
import type { EscalationPolicy, EscalationStep, RateTableRegistry } from './types.ts';

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

function stepChanges(before: EscalationStep, after: EscalationStep): string[] {
  const name = `Step "${after.label}"`;
  const out: string[] = [];
  if (before.label !== after.label) out.push(`Step "${before.label}" renamed to "${after.label}"`);
  if (before.kind !== after.kind) out.push(`${name}: action ${before.kind} → ${after.kind}`);
  if (before.scope !== after.scope) out.push(`${name}: scope ${before.scope} → ${after.scope}`);
  if (before.minDaysPastDue !== after.minDaysPastDue) out.push(`${name}: days past due ${before.minDaysPastDue} → ${after.minDaysPastDue}`);
  const thresholdBefore = describeThreshold(before.minOverdueMinor);
  const thresholdAfter = describeThreshold(after.minOverdueMinor);
  if (thresholdBefore !== thresholdAfter) out.push(`${name}: minimum amount ${thresholdBefore} → ${thresholdAfter}`);
  if (describeSegments(before.segments) !== describeSegments(after.segments)) out.push(`${name}: segments ${describeSegments(before.segments)} → ${describeSegments(after.segments)}`);
  if (before.requiresApproval !== after.requiresApproval) out.push(`${name}: always needs approval ${yesNo(before.requiresApproval)} → ${yesNo(after.requiresApproval)}`);
  return out;
}

/** Sentences describing how `after` differs from `before`; empty when they run the same ladder. */
export function policyDiff(before: EscalationPolicy, after: EscalationPolicy, rateTables: RateTableRegistry = {}): string[] {
  const out: string[] = [];
  const beforeSteps = new Map(before.steps.map((s) => [s.id, s]));
  const afterIds = new Set(after.steps.map((s) => s.id));
  for (const step of before.steps) if (!afterIds.has(step.id)) out.push(`Removed step "${step.label}" (day ${step.minDaysPastDue})`);
  for (const step of after.steps) {
    const old = beforeSteps.get(step.id);
    if (!old) out.push(`Added step "${step.label}" (${step.kind}, day ${step.minDaysPastDue})`);
    else out.push(...stepChanges(old, step));
  }
  const kept = (p: EscalationPolicy) => p.steps.filter((s) => beforeSteps.has(s.id) && afterIds.has(s.id)).map((s) => s.id).join(',');
  if (kept(before) !== kept(after)) out.push(`Steps reordered: ${after.steps.map((s) => s.label).join(' → ')}`);
  const e0 = before.exceptions;
  const e1 = after.exceptions;
  if (e0.skipDisputed !== e1.skipDisputed) out.push(`Hold disputed invoices: ${yesNo(e0.skipDisputed)} → ${yesNo(e1.skipDisputed)}`);
  if (e0.pauseOnPromise !== e1.pauseOnPromise) out.push(`Pause while a promise to pay is in force: ${yesNo(e0.pauseOnPromise)} → ${yesNo(e1.pauseOnPromise)}`);
  if (e0.promiseGraceDays !== e1.promiseGraceDays) out.push(`Promise grace days: ${e0.promiseGraceDays} → ${e1.promiseGraceDays}`);
  if (e0.approvalSegments.join(', ') !== e1.approvalSegments.join(', ')) {
    out.push(`Segments whose every action needs approval: ${e0.approvalSegments.join(', ') || 'none'} → ${e1.approvalSegments.join(', ') || 'none'}`);
  }
  const fee0 = describeLateFee(before.lateFee, rateTables);
  const fee1 = describeLateFee(after.lateFee, rateTables);
  if (fee0 !== fee1) out.push(`Late fee: ${fee1}`);
  if (before.sequencing !== after.sequencing) out.push(`Sequencing: ${before.sequencing} → ${after.sequencing}`);
  if (JSON.stringify(before.branch) !== JSON.stringify(after.branch)) out.push('Churn-risk branch changed');
  return out;
}
