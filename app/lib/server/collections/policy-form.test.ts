import { describe, expect, it } from 'vitest';
import { minorUnits } from '../../money.ts';
import type { PolicyDraft } from '../../collections/policy-draft.ts';
import { BUILT_IN_RATE_TABLES, defaultPolicy, fraction } from '../escalation/index.ts';
import { parseAmounts, policyFromForm, policyToDraft } from './policy-form.ts';

/** The form a browser posts for a draft (checkboxes only when ticked). */
function formOf(draft: PolicyDraft, extra: Record<string, string> = {}): FormData {
  const form = new FormData();
  draft.steps.forEach((s, i) => {
    for (const key of ['id', 'label', 'kind', 'scope', 'minDaysPastDue', 'minOverdue', 'segments'] as const) form.set(`steps[${i}].${key}`, s[key]);
    if (s.requiresApproval) form.set(`steps[${i}].requiresApproval`, 'on');
  });
  for (const [key, value] of Object.entries(draft.lateFee)) form.set(`lateFee.${key}`, value);
  if (draft.exceptions.skipDisputed) form.set('exceptions.skipDisputed', 'on');
  if (draft.exceptions.pauseOnPromise) form.set('exceptions.pauseOnPromise', 'on');
  form.set('exceptions.promiseGraceDays', draft.exceptions.promiseGraceDays);
  form.set('exceptions.approvalSegments', draft.exceptions.approvalSegments);
  form.set('sequencing', draft.sequencing);
  form.set('baseVersion', '1');
  for (const [key, value] of Object.entries(extra)) form.set(key, value);
  return form;
}

describe('policy editor form', () => {
  it('turns the draft of a policy back into the same policy', () => {
    const policy = defaultPolicy();
    const draft = policyToDraft(policy, BUILT_IN_RATE_TABLES);
    expect(draft.steps[4]!.minOverdue).toBe('500.00 EUR, 500.00 GBP, 50000 JPY, 50000.00 RUB, 500.00 USD');
    expect(draft.lateFee).toMatchObject({ kind: 'annual_rate_pro_rata', annualPercent: '12' });
    const parsed = policyFromForm(formOf(draft, { comment: ' later reminder ' }), policy, BUILT_IN_RATE_TABLES);
    expect(parsed.problems).toEqual([]);
    expect(parsed.policy).toEqual(policy);
    expect(parsed).toMatchObject({ baseVersion: 1, comment: 'later reminder' });
  });

  it('reads the ready late-fee shapes: пеня 1/300 of the key rate with a cap, fixed fee per reminder', () => {
    const draft = policyToDraft(defaultPolicy(), BUILT_IN_RATE_TABLES);
    draft.lateFee = { ...draft.lateFee, kind: 'daily_key_rate_fraction', fraction: '1/300', rateTableId: 'cbr-key-rate', graceDays: '3', capPercent: '16.5', capAmounts: 'RUB 1 000,50' };
    expect(policyFromForm(formOf(draft), defaultPolicy(), BUILT_IN_RATE_TABLES).policy!.lateFee).toEqual({
      kind: 'daily_key_rate_fraction', fraction: fraction(1n, 300n), rateTableId: 'cbr-key-rate', rateOn: 'each_day', graceDays: 3,
      cap: { fractionOfPrincipal: fraction(33n, 200n), absolute: { RUB: minorUnits(100_050n) } },
    });
    draft.lateFee = { ...draft.lateFee, kind: 'fixed_per_reminder', amounts: '5 USD, 500 RUB', capPercent: '', capAmounts: '' };
    expect(policyFromForm(formOf(draft), defaultPolicy(), BUILT_IN_RATE_TABLES).policy!.lateFee).toEqual({
      kind: 'fixed_per_reminder', amount: { USD: minorUnits(500n), RUB: minorUnits(50_000n) }, graceDays: 3,
    });
  });

  it('puts every problem beside its field', () => {
    const draft = policyToDraft(defaultPolicy(), BUILT_IN_RATE_TABLES);
    draft.steps[1]!.minDaysPastDue = 'ten';
    draft.steps[4]!.minOverdue = '500 dollars';
    draft.lateFee.annualPercent = '12%';
    const parsed = policyFromForm(formOf(draft), defaultPolicy(), BUILT_IN_RATE_TABLES);
    expect(parsed.policy).toBeNull();
    expect(parsed.problems.map((p) => p.field)).toEqual(['steps[1].minDaysPastDue', 'steps[4].minOverdue', 'lateFee.annualPercent']);
    expect(parsed.problems[0]!.message).toBe('Days past due must be a whole number ≥ 1, not "ten"');

    // Parsed, but against the engine's rules: a late-fee step with scope "case", a key-rate table that does not exist.
    const ruled = policyToDraft(defaultPolicy(), BUILT_IN_RATE_TABLES);
    ruled.steps[2]!.scope = 'case';
    ruled.lateFee = { ...ruled.lateFee, kind: 'daily_key_rate_fraction', rateTableId: 'ecb' };
    const problems = policyFromForm(formOf(ruled), defaultPolicy(), BUILT_IN_RATE_TABLES).problems;
    expect(problems.map((p) => p.field)).toEqual(['steps[2].scope', 'lateFee.rateTableId']);
    expect(problems[0]!.message).toMatch(/^a late_fee step must have scope "invoice"/);
  });

  it('reads amounts with their currency either side, refusing surplus decimals', () => {
    expect(parseAmounts('500.00 USD, EUR 20; 3000 JPY')).toEqual({ USD: 50_000n, EUR: 2_000n, JPY: 3_000n });
    expect(parseAmounts('')).toBeNull();
    expect(() => parseAmounts('5.5 JPY')).toThrowError(/JPY has 0 decimal places/);
    expect(() => parseAmounts('5 USD, 6 USD')).toThrowError(/USD is given twice/);
  });
});
