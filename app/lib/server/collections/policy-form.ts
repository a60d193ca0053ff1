/**
 * The policy editor's form ↔ the engine's EscalationPolicy. Parsing collects every problem (a
 * field that does not parse, then the engine's own rules from policyProblems) with the draft field
 * it belongs to, so the editor shows them all beside their inputs at once.
 */
import { m } from '$lib/paraglide/messages.js';
import { minorToDecimalString } from '../../money.ts';
import { draftField, stepIdFromLabel, STEP_KINDS, type DraftProblem, type LateFeeDraft, type PolicyDraft, type StepDraft } from '../../collections/policy-draft.ts';
import {
  fraction,
  fractionFromDecimal,
  fractionFromText,
  fractionToText,
  policyProblems,
  toDecimalString,
  type EscalationPolicy,
  type EscalationStep,
  type Fraction,
  type LateFeeCap,
  type LateFeeCommon,
  type LateFeeRule,
  type PerCurrency,
  type RateTableRegistry,
} from '../escalation/index.ts';
import { parseMajorAmount } from './forms.ts';

const PERCENT_PLACES = 6;

function percentText(value: Fraction): string {
  return toDecimalString({ numerator: value.numerator * 100n, denominator: value.denominator }, PERCENT_PLACES).replace(/\.?0+$/, '');
}

function amountsText(map: PerCurrency | null | undefined): string {
  if (!map) return '';
  return Object.keys(map).sort().map((currency) => `${minorToDecimalString(map[currency]!, currency)} ${currency}`).join(', ');
}

function lateFeeDraft(rule: LateFeeRule | null, rateTables: RateTableRegistry): LateFeeDraft {
  const firstTable = Object.keys(rateTables)[0] ?? '';
  const draft: LateFeeDraft = {
    kind: rule?.kind ?? 'none', fraction: '1/300', rateTableId: firstTable, rateOn: 'each_day', annualPercent: '', amounts: '',
    graceDays: String(rule?.graceDays ?? 0), graceCounting: rule?.graceCounting ?? 'after_grace',
    capPercent: rule?.cap?.fractionOfPrincipal ? percentText(rule.cap.fractionOfPrincipal) : '',
    capAmounts: amountsText(rule?.cap?.absolute),
  };
  if (rule?.kind === 'daily_key_rate_fraction') Object.assign(draft, { fraction: fractionToText(rule.fraction), rateTableId: rule.rateTableId, rateOn: rule.rateOn ?? 'each_day' });
  if (rule?.kind === 'annual_rate_pro_rata') draft.annualPercent = percentText(rule.annualRate);
  if (rule?.kind === 'fixed_per_reminder') draft.amounts = amountsText(rule.amount);
  return draft;
}

/** The editor's starting point for a stored policy. */
export function policyToDraft(policy: EscalationPolicy, rateTables: RateTableRegistry): PolicyDraft {
  return {
    steps: policy.steps.map((s): StepDraft => ({
      id: s.id, isNew: false, label: s.label, kind: s.kind, scope: s.scope, minDaysPastDue: String(s.minDaysPastDue),
      minOverdue: amountsText(s.minOverdueMinor), segments: (s.segments ?? []).join(', '), requiresApproval: s.requiresApproval,
    })),
    lateFee: lateFeeDraft(policy.lateFee, rateTables),
    exceptions: {
      skipDisputed: policy.exceptions.skipDisputed,
      pauseOnPromise: policy.exceptions.pauseOnPromise,
      promiseGraceDays: String(policy.exceptions.promiseGraceDays),
      approvalSegments: policy.exceptions.approvalSegments.join(', '),
    },
    sequencing: policy.sequencing,
  };
}

export interface ParsedPolicyForm {
  /** The policy, when every field parsed (it may still break the engine's rules: see problems). */
  readonly policy: EscalationPolicy | null;
  readonly problems: readonly DraftProblem[];
  /** The version the editor started from (optimistic locking). */
  readonly baseVersion: number | null;
  readonly comment: string;
}

class FieldProblems {
  readonly list: DraftProblem[] = [];
  add(field: string, message: string): void {
    this.list.push({ field, message });
  }
  /** Runs a parse; a thrown error becomes a problem on `field` and the fallback is returned. */
  take<T>(field: string, fallback: T, parse: () => T): T {
    try {
      return parse();
    } catch (err) {
      this.add(field, err instanceof Error ? err.message : String(err));
      return fallback;
    }
  }
}

const text = (form: FormData, name: string): string => String(form.get(name) ?? '').trim();
const checked = (form: FormData, name: string): boolean => form.get(name) === 'on' || form.get(name) === 'true';

/** `what` names the field in the request's language (a message function). */
function wholeNumber(value: string, what: () => string, min: number): number {
  if (!/^\d{1,6}$/.test(value) || Number(value) < min) {
    throw new Error(value ? m.cl_pf_whole_number_not({ what: what(), min, value }) : m.cl_pf_whole_number({ what: what(), min }));
  }
  return Number(value);
}

/**
 * "500.00 USD, 50000 RUB" (or "USD 500"; "1 000,50 RUB") → minor units per currency; null for an
 * empty text. Entries are separated by ";" or by a comma and a space, so a decimal comma still reads.
 */
export function parseAmounts(value: string): PerCurrency | null {
  if (value === '') return null;
  const out: Record<string, bigint> = {};
  for (const part of value.split(/;|,\s+/).map((p) => p.trim()).filter(Boolean)) {
    const match = /^([A-Za-z]{3})\s+([\d\s.,]+)$/.exec(part) ?? /^([\d\s.,]+?)\s*([A-Za-z]{3})$/.exec(part);
    if (!match) throw new Error(m.cl_pf_not_amount({ part }));
    const [currency, amount] = /^[A-Za-z]/.test(match[1]!) ? [match[1]!, match[2]!] : [match[2]!, match[1]!];
    const code = currency.toUpperCase();
    if (code in out) throw new Error(m.cl_pf_twice({ code }));
    out[code] = parseMajorAmount(amount.trim(), code);
  }
  return out as PerCurrency;
}

/** "12" or "16.5" (percent) → 12/100, 33/200. */
export function parsePercent(value: string): Fraction {
  const normal = value.replace(',', '.');
  if (!/^\d{1,3}(\.\d{1,6})?$/.test(normal)) throw new Error(m.cl_pf_not_percent({ value }));
  const f = fractionFromDecimal(normal);
  return fraction(f.numerator, f.denominator * 100n);
}

const list = (value: string): string[] => value.split(',').map((s) => s.trim()).filter(Boolean);

function parseLateFee(form: FormData, problems: FieldProblems): LateFeeRule | null {
  const kind = text(form, 'lateFee.kind');
  if (kind === 'none') return null;
  const graceDays = problems.take('lateFee.graceDays', 0, () => wholeNumber(text(form, 'lateFee.graceDays') || '0', m.cl_policy_grace_days, 0));
  const graceCounting: LateFeeCommon['graceCounting'] = text(form, 'lateFee.graceCounting') === 'from_due_date' ? 'from_due_date' : 'after_grace';
  const capPercent = text(form, 'lateFee.capPercent');
  const capAmounts = text(form, 'lateFee.capAmounts');
  const cap: { -readonly [K in keyof LateFeeCap]: LateFeeCap[K] } = {};
  if (capPercent) cap.fractionOfPrincipal = problems.take('lateFee.capPercent', undefined, () => parsePercent(capPercent));
  if (capAmounts) cap.absolute = problems.take('lateFee.capAmounts', undefined, () => parseAmounts(capAmounts) ?? undefined);
  // Defaults left out, so an unchanged rule stores exactly as before.
  const common: LateFeeCommon = {
    ...(graceDays !== 0 ? { graceDays } : {}),
    ...(graceCounting !== 'after_grace' ? { graceCounting } : {}),
    ...(cap.fractionOfPrincipal || cap.absolute ? { cap } : {}),
  };
  switch (kind) {
    case 'daily_key_rate_fraction':
      return {
        kind,
        fraction: problems.take('lateFee.fraction', { numerator: 1n, denominator: 300n }, () => {
          try {
            return fractionFromText(text(form, 'lateFee.fraction'), 'lateFee.fraction');
          } catch {
            throw new Error(m.cl_pf_not_fraction({ value: text(form, 'lateFee.fraction') }));
          }
        }),
        rateTableId: text(form, 'lateFee.rateTableId'),
        rateOn: text(form, 'lateFee.rateOn') === 'as_of' ? 'as_of' : 'each_day',
        ...common,
      };
    case 'annual_rate_pro_rata':
      return { kind, annualRate: problems.take('lateFee.annualPercent', { numerator: 0n, denominator: 1n }, () => parsePercent(text(form, 'lateFee.annualPercent'))), dayCount: 365, ...common };
    case 'fixed_per_reminder':
      return {
        kind,
        amount: problems.take('lateFee.amounts', {}, () => {
          const amounts = parseAmounts(text(form, 'lateFee.amounts'));
          if (!amounts) throw new Error(m.cl_pf_fee_per_reminder());
          return amounts;
        }),
        ...common,
      };
    default:
      problems.add('lateFee.kind', m.cl_pf_pick_shape({ kind }));
      return null;
  }
}

/**
 * A posted editor form → the policy and every problem with it. `base` supplies what the form does
 * not edit (the policy id and the churn-risk branch).
 */
export function policyFromForm(form: FormData, base: EscalationPolicy, rateTables: RateTableRegistry): ParsedPolicyForm {
  const problems = new FieldProblems();
  const steps: EscalationStep[] = [];
  for (let i = 0; form.has(`steps[${i}].label`); i++) {
    const at = (name: string) => `steps[${i}].${name}`;
    const label = text(form, at('label'));
    const id = text(form, at('id')) || stepIdFromLabel(label);
    const kind = text(form, at('kind')) as EscalationStep['kind'];
    if (!STEP_KINDS.includes(kind)) problems.add(at('kind'), m.cl_pf_pick_action({ kind }));
    const scope = text(form, at('scope')) === 'case' ? 'case' : 'invoice';
    const segments = list(text(form, at('segments')));
    steps.push({
      id,
      kind,
      label,
      scope,
      minDaysPastDue: problems.take(at('minDaysPastDue'), 1, () => wholeNumber(text(form, at('minDaysPastDue')), m.cl_pf_days_past_due, 1)),
      minOverdueMinor: problems.take(at('minOverdue'), null, () => parseAmounts(text(form, at('minOverdue')))),
      segments: segments.length ? segments : null,
      requiresApproval: checked(form, at('requiresApproval')),
    });
  }
  const lateFee = parseLateFee(form, problems);
  const policy: EscalationPolicy = {
    id: base.id,
    steps,
    exceptions: {
      skipDisputed: checked(form, 'exceptions.skipDisputed'),
      pauseOnPromise: checked(form, 'exceptions.pauseOnPromise'),
      promiseGraceDays: problems.take('exceptions.promiseGraceDays', 0, () => wholeNumber(text(form, 'exceptions.promiseGraceDays') || '0', m.cl_policy_promise_grace, 0)),
      approvalSegments: list(text(form, 'exceptions.approvalSegments')),
    },
    lateFee,
    sequencing: text(form, 'sequencing') === 'catch_up' ? 'catch_up' : 'one_step',
    branch: base.branch,
  };
  const baseText = text(form, 'baseVersion');
  const baseVersion = /^\d{1,9}$/.test(baseText) ? Number(baseText) : null;
  if (baseVersion === null) problems.add('baseVersion', m.cl_pf_no_base());
  const parsed = problems.list.length === 0;
  const ruleProblems = parsed ? policyProblems(policy, rateTables).map((p) => ({ field: draftField(p.field), message: p.message.replace(/^policy "[^"]*": /, '') })) : [];
  return { policy: parsed ? policy : null, problems: [...problems.list, ...ruleProblems], baseVersion, comment: text(form, 'comment') };
}

