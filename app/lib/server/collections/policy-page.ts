/** What the policy page shows: the active version in words, the editor's draft, the history and the rate tables. */
import { describeLateFee, describeSegments, describeStepKind, describeThreshold, toDecimalString, type EscalationPolicy } from '../escalation/index.ts';
import type { WorkbenchDb } from '../workbench/index.ts';
import type { PolicyDraft } from '../../collections/policy-draft.ts';
import { policyToDraft } from './policy-form.ts';
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

export function stepWords(policy: EscalationPolicy): PolicyStepWords[] {
  return policy.steps.map((s, i) => ({
    order: i + 1,
    label: s.label,
    days: s.minDaysPastDue,
    minAmount: describeThreshold(s.minOverdueMinor),
    action: describeStepKind(s.kind),
    scope: s.scope === 'invoice' ? 'each invoice' : 'the customer',
    segments: describeSegments(s.segments),
    approval: [
      ...(s.requiresApproval ? ['always'] : []),
      ...(policy.exceptions.approvalSegments.length ? [`for ${policy.exceptions.approvalSegments.join(', ')}`] : []),
    ].join('; ') || 'no',
  }));
}

export function exceptionWords(policy: EscalationPolicy): string[] {
  const e = policy.exceptions;
  return [
    e.skipDisputed ? 'A disputed invoice gets no step and no late fee while its dispute is open.' : 'Disputed invoices are escalated like any other (disputes are ignored).',
    e.pauseOnPromise
      ? `A promise to pay in force pauses the ladder until the promised day${e.promiseGraceDays ? ` plus ${e.promiseGraceDays} grace day${e.promiseGraceDays === 1 ? '' : 's'}` : ''}.`
      : 'Promises to pay do not pause the ladder.',
    e.approvalSegments.length ? `Every action for ${e.approvalSegments.join(', ')} customers needs approval.` : 'No segment needs approval for every action.',
  ];
}

export async function loadPolicyPage(db: WorkbenchDb): Promise<PolicyPageData> {
  const active = await loadActivePolicy(db);
  const { tables } = await loadRateTables(db);
  const versions = await listPolicyVersions(db, active.rateTables);
  const { policy } = active;
  return {
    active: { version: active.version, savedBy: active.savedBy, savedAt: active.savedAt.toISOString(), comment: active.comment },
    steps: stepWords(policy),
    exceptions: exceptionWords(policy),
    lateFee: describeLateFee(policy.lateFee, active.rateTables),
    sequencing: policy.sequencing === 'one_step' ? 'At most one step per invoice per day.' : 'Every step that is due is proposed at once (catch up).',
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

