/**
 * The escalation policy as JSON, for storing versions in the workbench (jsonb) and comparing them.
 * JSON has no bigint and no exact rationals, so: fractions are written "1/300", amounts in minor
 * units as decimal strings ("50000"). Reading is strict: every field is checked and a wrong one is
 * named (EscalationError BAD_POLICY with the field path), so a hand-edited or older row fails
 * loudly instead of turning into a different ladder. `format` leaves room for a later shape.
 */
import { minorUnits } from '../../money.ts';
import { EscalationError } from './errors.ts';
import { fraction } from './fraction.ts';
import type {
  EscalationBranch,
  EscalationExceptions,
  EscalationPolicy,
  EscalationStep,
  Fraction,
  LateFeeCap,
  LateFeeCommon,
  LateFeeRule,
  PerCurrency,
  RiskBand,
  StepKind,
} from './types.ts';

export const POLICY_JSON_FORMAT = 1;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonRecord = { [key: string]: Json };

/** "1/300" for 1/300; "0" for zero. */
export function fractionToText(value: Fraction): string {
  return value.denominator === 1n ? value.numerator.toString() : `${value.numerator}/${value.denominator}`;
}

/** "1/300" or "7" → a reduced Fraction; BAD_POLICY naming `field` for anything else. */
export function fractionFromText(text: unknown, field: string): Fraction {
  const match = typeof text === 'string' ? /^(\d{1,30})(?:\/(\d{1,30}))?$/.exec(text.trim()) : null;
  if (!match) throw new EscalationError('BAD_POLICY', field, `${field} must be a fraction written like "1/300", not ${JSON.stringify(text)}`);
  const denominator = BigInt(match[2] ?? '1');
  if (denominator === 0n) throw new EscalationError('BAD_POLICY', field, `${field} has a zero denominator`);
  return fraction(BigInt(match[1]!), denominator, field);
}

function perCurrencyToJson(map: PerCurrency): JsonRecord {
  return Object.fromEntries(Object.keys(map).sort().map((currency) => [currency, map[currency]!.toString()]));
}

function stepToJson(step: EscalationStep): JsonRecord {
  return {
    id: step.id,
    kind: step.kind,
    label: step.label,
    scope: step.scope,
    minDaysPastDue: step.minDaysPastDue,
    minOverdueMinor: step.minOverdueMinor === null ? null : perCurrencyToJson(step.minOverdueMinor),
    segments: step.segments === null ? null : [...step.segments],
    requiresApproval: step.requiresApproval,
  };
}

function lateFeeToJson(rule: LateFeeRule): JsonRecord {
  const common: JsonRecord = {};
  if (rule.graceDays !== undefined) common.graceDays = rule.graceDays;
  if (rule.graceCounting !== undefined) common.graceCounting = rule.graceCounting;
  if (rule.cap) {
    const cap: JsonRecord = {};
    if (rule.cap.fractionOfPrincipal) cap.fractionOfPrincipal = fractionToText(rule.cap.fractionOfPrincipal);
    if (rule.cap.absolute) cap.absolute = perCurrencyToJson(rule.cap.absolute);
    common.cap = cap;
  }
  switch (rule.kind) {
    case 'daily_key_rate_fraction':
      return { kind: rule.kind, fraction: fractionToText(rule.fraction), rateTableId: rule.rateTableId, ...(rule.rateOn ? { rateOn: rule.rateOn } : {}), ...common };
    case 'annual_rate_pro_rata':
      return { kind: rule.kind, annualRate: fractionToText(rule.annualRate), dayCount: rule.dayCount, ...common };
    case 'fixed_per_reminder':
      return { kind: rule.kind, amount: perCurrencyToJson(rule.amount), ...common };
  }
}

/** The stored form of a policy (plain JSON: no bigint, no undefined). */
export function policyToJson(policy: EscalationPolicy): JsonRecord {
  return {
    format: POLICY_JSON_FORMAT,
    id: policy.id,
    steps: policy.steps.map(stepToJson),
    exceptions: {
      skipDisputed: policy.exceptions.skipDisputed,
      pauseOnPromise: policy.exceptions.pauseOnPromise,
      promiseGraceDays: policy.exceptions.promiseGraceDays,
      approvalSegments: [...policy.exceptions.approvalSegments],
    },
    lateFee: policy.lateFee === null ? null : lateFeeToJson(policy.lateFee),
    sequencing: policy.sequencing,
    branch: policy.branch === null ? null : { when: { minRiskBand: policy.branch.when.minRiskBand }, replaceKind: policy.branch.replaceKind, appliesTo: [...policy.branch.appliesTo] },
  };
}

// ---------------------------------------------------------------------------------------------
// Reading

const bad = (field: string, message: string): never => {
  throw new EscalationError('BAD_POLICY', field, `${field} ${message}`);
};

function record(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) bad(field, 'must be an object');
  return value as Record<string, unknown>;
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string') bad(field, `must be text, not ${JSON.stringify(value)}`);
  return value as string;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) bad(field, `must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)}`);
  return value as T;
}

function wholeNumber(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) bad(field, `must be a whole number, not ${JSON.stringify(value)}`);
  return value as number;
}

function bool(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') bad(field, `must be true or false, not ${JSON.stringify(value)}`);
  return value as boolean;
}

function textList(value: unknown, field: string): string[] {
  if (!Array.isArray(value)) bad(field, 'must be a list');
  return (value as unknown[]).map((item, i) => text(item, `${field}[${i}]`));
}

function perCurrency(value: unknown, field: string): PerCurrency {
  const out: Record<string, ReturnType<typeof minorUnits>> = {};
  for (const [currency, amount] of Object.entries(record(value, field))) {
    if (!/^[A-Z]{3}$/.test(currency)) bad(`${field}.${currency}`, 'is not an ISO 4217 currency code');
    if (typeof amount !== 'string' || !/^-?\d{1,30}$/.test(amount)) bad(`${field}.${currency}`, `must be minor units as a decimal string, not ${JSON.stringify(amount)}`);
    out[currency] = minorUnits(BigInt(amount as string));
  }
  return out;
}

const STEP_KINDS: readonly StepKind[] = ['reminder', 'late_fee', 'suspension', 'agency_handoff', 'personal_call'];
const RISK_BANDS: readonly RiskBand[] = ['low', 'medium', 'high'];

function stepFromJson(value: unknown, field: string): EscalationStep {
  const s = record(value, field);
  return {
    id: text(s.id, `${field}.id`),
    kind: oneOf(s.kind, STEP_KINDS, `${field}.kind`),
    label: text(s.label, `${field}.label`),
    scope: oneOf(s.scope, ['invoice', 'case'] as const, `${field}.scope`),
    minDaysPastDue: wholeNumber(s.minDaysPastDue, `${field}.minDaysPastDue`),
    minOverdueMinor: s.minOverdueMinor === null ? null : perCurrency(s.minOverdueMinor, `${field}.minOverdueMinor`),
    segments: s.segments === null ? null : textList(s.segments, `${field}.segments`),
    requiresApproval: bool(s.requiresApproval, `${field}.requiresApproval`),
  };
}

function lateFeeFromJson(value: unknown): LateFeeRule {
  const r = record(value, 'lateFee');
  const common: { -readonly [K in keyof LateFeeCommon]: LateFeeCommon[K] } = {};
  if (r.graceDays !== undefined) common.graceDays = wholeNumber(r.graceDays, 'lateFee.graceDays');
  if (r.graceCounting !== undefined) common.graceCounting = oneOf(r.graceCounting, ['after_grace', 'from_due_date'] as const, 'lateFee.graceCounting');
  if (r.cap !== undefined) {
    const c = record(r.cap, 'lateFee.cap');
    const cap: { -readonly [K in keyof LateFeeCap]: LateFeeCap[K] } = {};
    if (c.fractionOfPrincipal !== undefined) cap.fractionOfPrincipal = fractionFromText(c.fractionOfPrincipal, 'lateFee.cap.fractionOfPrincipal');
    if (c.absolute !== undefined) cap.absolute = perCurrency(c.absolute, 'lateFee.cap.absolute');
    common.cap = cap;
  }
  const kind = oneOf(r.kind, ['daily_key_rate_fraction', 'annual_rate_pro_rata', 'fixed_per_reminder'] as const, 'lateFee.kind');
  switch (kind) {
    case 'daily_key_rate_fraction':
      return {
        kind,
        fraction: fractionFromText(r.fraction, 'lateFee.fraction'),
        rateTableId: text(r.rateTableId, 'lateFee.rateTableId'),
        ...(r.rateOn !== undefined ? { rateOn: oneOf(r.rateOn, ['each_day', 'as_of'] as const, 'lateFee.rateOn') } : {}),
        ...common,
      };
    case 'annual_rate_pro_rata':
      if (r.dayCount !== 365) bad('lateFee.dayCount', `must be 365, not ${JSON.stringify(r.dayCount)}`);
      return { kind, annualRate: fractionFromText(r.annualRate, 'lateFee.annualRate'), dayCount: 365, ...common };
    case 'fixed_per_reminder':
      return { kind, amount: perCurrency(r.amount, 'lateFee.amount'), ...common };
  }
}

function branchFromJson(value: unknown): EscalationBranch {
  const b = record(value, 'branch');
  return {
    when: { minRiskBand: oneOf(record(b.when, 'branch.when').minRiskBand, RISK_BANDS, 'branch.when.minRiskBand') },
    replaceKind: oneOf(b.replaceKind, STEP_KINDS, 'branch.replaceKind'),
    appliesTo: textList(b.appliesTo, 'branch.appliesTo').map((kind, i) => oneOf(kind, STEP_KINDS, `branch.appliesTo[${i}]`)),
  };
}

/**
 * A policy from its stored form. Checks the shape only (types, enums, fractions, amounts); call
 * validatePolicy (or policyProblems) for the rules a ladder must follow.
 */
export function policyFromJson(value: unknown): EscalationPolicy {
  const p = record(value, 'policy');
  if (p.format !== POLICY_JSON_FORMAT) bad('format', `must be ${POLICY_JSON_FORMAT} (this Ledgerlens reads policy format ${POLICY_JSON_FORMAT}), not ${JSON.stringify(p.format)}`);
  if (!Array.isArray(p.steps)) bad('steps', 'must be a list');
  const e = record(p.exceptions, 'exceptions');
  const exceptions: EscalationExceptions = {
    skipDisputed: bool(e.skipDisputed, 'exceptions.skipDisputed'),
    pauseOnPromise: bool(e.pauseOnPromise, 'exceptions.pauseOnPromise'),
    promiseGraceDays: wholeNumber(e.promiseGraceDays, 'exceptions.promiseGraceDays'),
    approvalSegments: textList(e.approvalSegments, 'exceptions.approvalSegments'),
  };
  return {
    id: text(p.id, 'id'),
    steps: (p.steps as unknown[]).map((step, i) => stepFromJson(step, `steps[${i}]`)),
    exceptions,
    lateFee: p.lateFee === null ? null : lateFeeFromJson(p.lateFee),
    sequencing: oneOf(p.sequencing, ['one_step', 'catch_up'] as const, 'sequencing'),
    branch: p.branch === null ? null : branchFromJson(p.branch),
  };
}
