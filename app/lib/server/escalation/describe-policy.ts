/**
 * The policy in words a collections manager reads: for the policy page, its history and the case
 * page's late-fee note. Amounts in major units with their currency; rates as percentages or as the
 * fraction the law writes ("1/300 of the key rate"). The sentences come from a PolicyWords table:
 * English here (the engine and the CLI run without the UI's message catalogue); the pages pass the
 * request's language (app/lib/server/collections/policy-words.ts).
 */
import { minorToDecimalString } from '../../money.ts';
import { toDecimalString } from './fraction.ts';
import type { Fraction, LateFeeRule, PerCurrency, RateTableRegistry, StepKind } from './types.ts';

/** Every word and sentence the policy descriptions and the version history use. */
export interface PolicyWords {
  readonly stepKind: Readonly<Record<StepKind, string>>;
  readonly anyAmount: string;
  readonly noCurrency: string;
  readonly allSegments: string;
  readonly noLateFee: string;
  readonly rateTable: (id: string) => string;
  readonly rateAsOf: string;
  readonly rateEachDay: string;
  readonly dailyKeyRate: (p: { fraction: string; table: string; which: string }) => string;
  readonly annualRate: (p: { percent: string; dayCount: number }) => string;
  readonly fixedPerReminder: (p: { amounts: string }) => string;
  readonly grace: (p: { days: number; fromDueDate: boolean }) => string;
  readonly noGrace: string;
  readonly capOfInvoice: (p: { percent: string }) => string;
  readonly cap: (p: { caps: readonly string[] }) => string;
  readonly noCap: string;
  readonly rounding: string;
  /** The version history (app/lib/server/escalation/policy-diff.ts). */
  readonly diff: {
    readonly yes: string;
    readonly no: string;
    readonly none: string;
    readonly renamed: (p: { before: string; after: string }) => string;
    readonly action: (p: { step: string; before: string; after: string }) => string;
    readonly scope: (p: { step: string; before: string; after: string }) => string;
    readonly days: (p: { step: string; before: number; after: number }) => string;
    readonly minimum: (p: { step: string; before: string; after: string }) => string;
    readonly segments: (p: { step: string; before: string; after: string }) => string;
    readonly approval: (p: { step: string; before: string; after: string }) => string;
    readonly removed: (p: { step: string; day: number }) => string;
    readonly added: (p: { step: string; kind: string; day: number }) => string;
    readonly reordered: (p: { steps: string }) => string;
    readonly holdDisputed: (p: { before: string; after: string }) => string;
    readonly pauseOnPromise: (p: { before: string; after: string }) => string;
    readonly promiseGrace: (p: { before: number; after: number }) => string;
    readonly approvalSegments: (p: { before: string; after: string }) => string;
    readonly lateFee: (p: { after: string }) => string;
    readonly sequencing: (p: { before: string; after: string }) => string;
    readonly branch: string;
    readonly firstVersion: string;
    readonly noChange: string;
  };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const ENGLISH_POLICY_WORDS: PolicyWords = {
  stepKind: {
    reminder: 'Send a reminder',
    late_fee: 'Charge the late fee',
    suspension: 'Suspend service',
    agency_handoff: 'Hand off to a collection agency',
    personal_call: 'Personal call',
  },
  anyAmount: 'any amount',
  noCurrency: 'no currency (never applies)',
  allSegments: 'all segments',
  noLateFee: 'No late fee.',
  rateTable: (id) => `rate table "${id}"`,
  rateAsOf: 'the rate in force on the day of calculation, for every day',
  rateEachDay: 'the rate in force on each overdue day',
  dailyKeyRate: ({ fraction, table, which }) => `Daily key-rate fraction: ${fraction} of the ${table} per day on the overdue amount (${which}).`,
  annualRate: ({ percent, dayCount }) => `Annual rate pro rata: ${percent} a year, divided by ${dayCount} per overdue day, on the overdue amount.`,
  fixedPerReminder: ({ amounts }) => `Fixed fee per reminder sent: ${amounts}.`,
  grace: ({ days, fromDueDate }) =>
    `Grace: ${plural(days, 'day', 'days')} past due without a fee${fromDueDate ? '; after that the fee counts back to the due date' : ', then the fee counts from the next day'}.`,
  noGrace: 'No grace days.',
  capOfInvoice: ({ percent }) => `${percent} of the invoice`,
  cap: ({ caps }) => `Cap per invoice: ${caps.join(' or ')}, whichever is lower.`,
  noCap: 'No cap.',
  rounding: 'Rounded once per invoice, half up.',
  diff: {
    yes: 'yes',
    no: 'no',
    none: 'none',
    renamed: ({ before, after }) => `Step "${before}" renamed to "${after}"`,
    action: ({ step, before, after }) => `Step "${step}": action ${before} → ${after}`,
    scope: ({ step, before, after }) => `Step "${step}": scope ${before} → ${after}`,
    days: ({ step, before, after }) => `Step "${step}": days past due ${before} → ${after}`,
    minimum: ({ step, before, after }) => `Step "${step}": minimum amount ${before} → ${after}`,
    segments: ({ step, before, after }) => `Step "${step}": segments ${before} → ${after}`,
    approval: ({ step, before, after }) => `Step "${step}": always needs approval ${before} → ${after}`,
    removed: ({ step, day }) => `Removed step "${step}" (day ${day})`,
    added: ({ step, kind, day }) => `Added step "${step}" (${kind}, day ${day})`,
    reordered: ({ steps }) => `Steps reordered: ${steps}`,
    holdDisputed: ({ before, after }) => `Hold disputed invoices: ${before} → ${after}`,
    pauseOnPromise: ({ before, after }) => `Pause while a promise to pay is in force: ${before} → ${after}`,
    promiseGrace: ({ before, after }) => `Promise grace days: ${before} → ${after}`,
    approvalSegments: ({ before, after }) => `Segments whose every action needs approval: ${before} → ${after}`,
    lateFee: ({ after }) => `Late fee: ${after}`,
    sequencing: ({ before, after }) => `Sequencing: ${before} → ${after}`,
    branch: 'Churn-risk branch changed',
    firstVersion: 'First version',
    noChange: 'No change to the ladder',
  },
};

export function describeStepKind(kind: StepKind, words: PolicyWords = ENGLISH_POLICY_WORDS): string {
  return words.stepKind[kind] ?? kind;
}

/** 3/25 → "12 %", 33/200 → "16.5 %" (up to 4 decimals, trailing zeros dropped). */
export function percent(value: Fraction): string {
  const text = toDecimalString({ numerator: value.numerator * 100n, denominator: value.denominator }, 4).replace(/\.?0+$/, '');
  return `${text} %`;
}

/** "500.00 USD, 50000.00 RUB"; "any amount" without a threshold. */
export function describeThreshold(map: PerCurrency | null, words: PolicyWords = ENGLISH_POLICY_WORDS): string {
  if (map === null) return words.anyAmount;
  const entries = Object.keys(map).sort().map((currency) => `${minorToDecimalString(map[currency]!, currency)} ${currency}`);
  return entries.length ? entries.join(', ') : words.noCurrency;
}

export function describeSegments(segments: readonly string[] | null, words: PolicyWords = ENGLISH_POLICY_WORDS): string {
  return segments === null ? words.allSegments : segments.join(', ');
}

/** One or two sentences: the shape, its parameters, grace and cap. */
export function describeLateFee(rule: LateFeeRule | null, rateTables: RateTableRegistry = {}, words: PolicyWords = ENGLISH_POLICY_WORDS): string {
  if (rule === null) return words.noLateFee;
  let shape: string;
  switch (rule.kind) {
    case 'daily_key_rate_fraction': {
      const table = rateTables[rule.rateTableId]?.name ?? words.rateTable(rule.rateTableId);
      const which = rule.rateOn === 'as_of' ? words.rateAsOf : words.rateEachDay;
      shape = words.dailyKeyRate({ fraction: `${rule.fraction.numerator}/${rule.fraction.denominator}`, table, which });
      break;
    }
    case 'annual_rate_pro_rata':
      shape = words.annualRate({ percent: percent(rule.annualRate), dayCount: rule.dayCount });
      break;
    case 'fixed_per_reminder':
      shape = words.fixedPerReminder({ amounts: describeThreshold(rule.amount, words) });
      break;
  }
  const grace = rule.graceDays ? words.grace({ days: rule.graceDays, fromDueDate: rule.graceCounting === 'from_due_date' }) : words.noGrace;
  const caps = [
    ...(rule.cap?.fractionOfPrincipal ? [words.capOfInvoice({ percent: percent(rule.cap.fractionOfPrincipal) })] : []),
    ...(rule.cap?.absolute ? [describeThreshold(rule.cap.absolute, words)] : []),
  ];
  const cap = caps.length ? words.cap({ caps }) : words.noCap;
  return `${shape} ${grace} ${cap} ${words.rounding}`;
}
