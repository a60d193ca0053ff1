/** What the policy page shows: the active version in words, the editor's draft, the history and the rate tables. */
import { m } from '$lib/paraglide/messages.js';
import { describeLateFee, describeSegments, describeStepKind, describeThreshold, toDecimalString, type EscalationPolicy, type PolicyWords } from '../escalation/index.ts';
import type { WorkbenchDb } from '../workbench/index.ts';
import type { PolicyDraft } from '../../collections/policy-draft.ts';
import { policyToDraft } from './policy-form.ts';
import { policyWords } from './policy-words.ts';
import { listPolicyVersions, loadActivePolicy } from './policy-store.ts';
import { loadRateTables } from './rate-store.ts';

export interface PolicyStepWords {
  readonly order: number;
  readonly label: string;
  readonly days: number;
  readonly minAmount: string;
  readonly action: string;
  readonly scope: string;
  readonly segments: string;
  readonly approval: string;
}

export interface PolicyPageData {
  readonly active: { readonly version: number; readonly savedBy: string; readonly savedAt: string; readonly comment: string };
  readonly steps: readonly PolicyStepWords[];
  readonly exceptions: readonly string[];
  readonly lateFee: string;
  readonly sequencing: string;
  readonly draft: PolicyDraft;
  readonly history: readonly { version: number; savedBy: string; savedAt: string; comment: string; changes: readonly string[] }[];
  readonly rateTables: readonly {
    id: string;
    name: string;
    source: string;
    reviewedOn: string;
    /** Newest first: the rates in force from each date. */
    inForce: readonly { from: string; percent: string }[];
    /** Every row ever added, newest first (corrections included). */
    log: readonly { from: string; percent: string; note: string; by: string; at: string }[];
  }[];
}

const percentOf = (rate: string) => {
  const [whole, decimals = ''] = rate.split('.');
  const shifted = `${whole}${decimals.padEnd(2, '0').slice(0, 2)}.${decimals.slice(2)}`;
  return `${shifted.replace(/^0+(?=\d)/, '').replace(/\.?0+$/, '')} %`;
};

/** The ladder's steps in words, in the request's language (`words`: its policy words). */
export function stepWords(policy: EscalationPolicy, words: PolicyWords = policyWords()): PolicyStepWords[] {
  return policy.steps.map((s, i) => ({
    order: i + 1,
    label: s.label,
    days: s.minDaysPastDue,
    minAmount: describeThreshold(s.minOverdueMinor, words),
    action: describeStepKind(s.kind, words),
    scope: s.scope === 'invoice' ? m.cl_scope_invoice() : m.cl_scope_case(),
    segments: describeSegments(s.segments, words),
    approval: [
      ...(s.requiresApproval ? [m.cl_pw_approval_always()] : []),
      ...(policy.exceptions.approvalSegments.length ? [m.cl_pw_approval_for({ segments: policy.exceptions.approvalSegments.join(', ') })] : []),
    ].join('; ') || m.cl_pw_no(),
  }));
}

export function exceptionWords(policy: EscalationPolicy): string[] {
  const e = policy.exceptions;
  const grace = e.promiseGraceDays;
  return [
    e.skipDisputed ? m.cl_pw_exc_skip_disputed() : m.cl_pw_exc_no_skip(),
    e.pauseOnPromise
      ? grace
        ? (grace === 1 ? m.cl_pw_exc_pause_grace_one : m.cl_pw_exc_pause_grace)({ days: grace })
        : m.cl_pw_exc_pause()
      : m.cl_pw_exc_no_pause(),
    e.approvalSegments.length ? m.cl_pw_exc_approval({ segments: e.approvalSegments.join(', ') }) : m.cl_pw_exc_no_approval(),
  ];
}

export async function loadPolicyPage(db: WorkbenchDb): Promise<PolicyPageData> {
  const active = await loadActivePolicy(db);
  const { tables } = await loadRateTables(db);
  const words = policyWords();
  const versions = await listPolicyVersions(db, active.rateTables, words);
  const { policy } = active;
  return {
    active: { version: active.version, savedBy: active.savedBy, savedAt: active.savedAt.toISOString(), comment: active.comment },
    steps: stepWords(policy, words),
    exceptions: exceptionWords(policy),
    lateFee: describeLateFee(policy.lateFee, active.rateTables, words),
    sequencing: policy.sequencing === 'one_step' ? m.cl_pw_seq_one() : m.cl_pw_seq_catch_up(),
    draft: policyToDraft(policy, active.rateTables),
    history: versions.map((v) => ({ version: v.version, savedBy: v.savedBy, savedAt: v.savedAt.toISOString(), comment: v.comment, changes: v.changes })),
    rateTables: tables.map((t) => ({
      id: t.table.id,
      name: t.table.name,
      source: t.table.source,
      reviewedOn: t.table.reviewedOn,
      inForce: [...t.table.rates].reverse().map((r) => ({ from: r.from, percent: `${toDecimalString({ numerator: r.rate.numerator * 100n, denominator: r.rate.denominator }, 4).replace(/\.?0+$/, '')} %` })),
      log: t.entries.map((e) => ({ from: e.effective_from, percent: percentOf(e.rate), note: e.note, by: e.created_by, at: e.created_at.toISOString() })),
    })),
  };
}

