/**
 * What changed between two versions of a policy, one sentence per change, for the version history.
 * Steps are matched by id (ids never change once in use: they are part of idempotency keys).
 * The sentences come from `words` (English by default; the policy page passes the request's language).
 */
import { describeLateFee, describeSegments, describeThreshold, ENGLISH_POLICY_WORDS, type PolicyWords } from './describe-policy.ts';
import type { EscalationPolicy, EscalationStep, RateTableRegistry } from './types.ts';

function stepChanges(before: EscalationStep, after: EscalationStep, words: PolicyWords): string[] {
  const d = words.diff;
  const yesNo = (value: boolean) => (value ? d.yes : d.no);
  const step = after.label;
  const out: string[] = [];
  if (before.label !== after.label) out.push(d.renamed({ before: before.label, after: after.label }));
  if (before.kind !== after.kind) out.push(d.action({ step, before: before.kind, after: after.kind }));
  if (before.scope !== after.scope) out.push(d.scope({ step, before: before.scope, after: after.scope }));
  if (before.minDaysPastDue !== after.minDaysPastDue) out.push(d.days({ step, before: before.minDaysPastDue, after: after.minDaysPastDue }));
  const thresholdBefore = describeThreshold(before.minOverdueMinor, words);
  const thresholdAfter = describeThreshold(after.minOverdueMinor, words);
  if (thresholdBefore !== thresholdAfter) out.push(d.minimum({ step, before: thresholdBefore, after: thresholdAfter }));
  const segmentsBefore = describeSegments(before.segments, words);
  const segmentsAfter = describeSegments(after.segments, words);
  if (segmentsBefore !== segmentsAfter) out.push(d.segments({ step, before: segmentsBefore, after: segmentsAfter }));
  if (before.requiresApproval !== after.requiresApproval) out.push(d.approval({ step, before: yesNo(before.requiresApproval), after: yesNo(after.requiresApproval) }));
  return out;
}

/** Sentences describing how `after` differs from `before`; empty when they run the same ladder. */
export function policyDiff(before: EscalationPolicy, after: EscalationPolicy, rateTables: RateTableRegistry = {}, words: PolicyWords = ENGLISH_POLICY_WORDS): string[] {
  const d = words.diff;
  const yesNo = (value: boolean) => (value ? d.yes : d.no);
  const out: string[] = [];
  const beforeSteps = new Map(before.steps.map((s) => [s.id, s]));
  const afterIds = new Set(after.steps.map((s) => s.id));
  for (const step of before.steps) if (!afterIds.has(step.id)) out.push(d.removed({ step: step.label, day: step.minDaysPastDue }));
  for (const step of after.steps) {
    const old = beforeSteps.get(step.id);
    if (!old) out.push(d.added({ step: step.label, kind: step.kind, day: step.minDaysPastDue }));
    else out.push(...stepChanges(old, step, words));
  }
  const kept = (p: EscalationPolicy) => p.steps.filter((s) => beforeSteps.has(s.id) && afterIds.has(s.id)).map((s) => s.id).join(',');
  if (kept(before) !== kept(after)) out.push(d.reordered({ steps: after.steps.map((s) => s.label).join(' → ') }));
  const e0 = before.exceptions;
  const e1 = after.exceptions;
  if (e0.skipDisputed !== e1.skipDisputed) out.push(d.holdDisputed({ before: yesNo(e0.skipDisputed), after: yesNo(e1.skipDisputed) }));
  if (e0.pauseOnPromise !== e1.pauseOnPromise) out.push(d.pauseOnPromise({ before: yesNo(e0.pauseOnPromise), after: yesNo(e1.pauseOnPromise) }));
  if (e0.promiseGraceDays !== e1.promiseGraceDays) out.push(d.promiseGrace({ before: e0.promiseGraceDays, after: e1.promiseGraceDays }));
  if (e0.approvalSegments.join(', ') !== e1.approvalSegments.join(', ')) {
    out.push(d.approvalSegments({ before: e0.approvalSegments.join(', ') || d.none, after: e1.approvalSegments.join(', ') || d.none }));
  }
  const fee0 = describeLateFee(before.lateFee, rateTables, words);
  const fee1 = describeLateFee(after.lateFee, rateTables, words);
  if (fee0 !== fee1) out.push(d.lateFee({ after: fee1 }));
  if (before.sequencing !== after.sequencing) out.push(d.sequencing({ before: before.sequencing, after: after.sequencing }));
  if (JSON.stringify(before.branch) !== JSON.stringify(after.branch)) out.push(d.branch);
  return out;
}
