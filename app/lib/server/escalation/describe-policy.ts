/**
 * The policy in words a collections manager reads: for the policy page, its history and the case
 * page's late-fee note. Amounts in major units with their currency; rates as percentages or as the
 * fraction the law writes ("1/300 of the key rate").
 */
import { minorToDecimalString } from '../../money.ts';
import { toDecimalString } from './fraction.ts';
import type { Fraction, LateFeeRule, PerCurrency, RateTableRegistry, StepKind } from './types.ts';

const STEP_KIND_WORDS: Record<StepKind, string> = {
  reminder: 'Send a reminder',
  late_fee: 'Charge the late fee',
  suspension: 'Suspend service',
  agency_handoff: 'Hand off to a collection agency',
  personal_call: 'Personal call',
};

export function describeStepKind(kind: StepKind): string {
  return STEP_KIND_WORDS[kind] ?? kind;
}

/** 3/25 → "12 %", 33/200 → "16.5 %" (up to 4 decimals, trailing zeros dropped). */
export function percent(value: Fraction): string {
  const text = toDecimalString({ numerator: value.numerator * 100n, denominator: value.denominator }, 4).replace(/\.?0+$/, '');
  return `${text} %`;
}

/** "500.00 USD, 50000.00 RUB"; "any amount" without a threshold. */
export function describeThreshold(map: PerCurrency | null): string {
  if (map === null) return 'any amount';
  const entries = Object.keys(map).sort().map((currency) => `${minorToDecimalString(map[currency]!, currency)} ${currency}`);
  return entries.length ? entries.join(', ') : 'no currency (never applies)';
}

export function describeSegments(segments: readonly string[] | null): string {
  return segments === null ? 'all segments' : segments.join(', ');
}

/** One or two sentences: the shape, its parameters, grace and cap. */
export function describeLateFee(rule: LateFeeRule | null, rateTables: RateTableRegistry = {}): string {
  if (rule === null) return 'No late fee.';
  let shape: string;
  switch (rule.kind) {
    case 'daily_key_rate_fraction': {
      const table = rateTables[rule.rateTableId]?.name ?? `rate table "${rule.rateTableId}"`;
      const which = rule.rateOn === 'as_of' ? 'the rate in force on the day of calculation, for every day' : 'the rate in force on each overdue day';
      shape = `Daily key-rate fraction: ${rule.fraction.numerator}/${rule.fraction.denominator} of the ${table} per day on the overdue amount (${which}).`;
      break;
    }
    case 'annual_rate_pro_rata':
      shape = `Annual rate pro rata: ${percent(rule.annualRate)} a year, divided by ${rule.dayCount} per overdue day, on the overdue amount.`;
      break;
    case 'fixed_per_reminder':
      shape = `Fixed fee per reminder sent: ${describeThreshold(rule.amount)}.`;
      break;
  }
  const grace = rule.graceDays
    ? ` Grace: ${rule.graceDays} day${rule.graceDays === 1 ? '' : 's'} past due without a fee${rule.graceCounting === 'from_due_date' ? '; after that the fee counts back to the due date' : ', then the fee counts from the next day'}.`
    : ' No grace days.';
  const caps = [
    ...(rule.cap?.fractionOfPrincipal ? [`${percent(rule.cap.fractionOfPrincipal)} of the invoice`] : []),
    ...(rule.cap?.absolute ? [describeThreshold(rule.cap.absolute)] : []),
  ];
  const cap = caps.length ? ` Cap per invoice: ${caps.join(' or ')}, whichever is lower.` : ' No cap.';
  return `${shape}${grace}${cap} Rounded once per invoice, half up.`;
}
