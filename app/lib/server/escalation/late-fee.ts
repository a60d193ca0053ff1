/**
 * Late-fee accrual, exact. Each overdue day accrues base × dailyRate as an exact fraction of a
 * minor unit; an invoice's days are summed exactly and rounded once, half up, to whole minor units
 * (a cent, a kopeck, a yen: the currency's own minor unit, so JPY rounds to whole yen). Rounding
 * per day or per period instead would drift from hand calculations by a unit or more.
 *
 * Day conventions:
 * - Day 1 past due is the day after the due date; the fee runs up to and including `asOf`.
 * - The base of a day is the open amount before that day's balance changes: a fee accrues up to
 *   and including the day of payment (Пленум ВС РФ № 7, п. 65; ERPNext counts posting date − due date).
 * - Annual rates are divided by 365 in every year, as ERPNext's dunning does.
 * - A negative open amount (overpayment) counts as zero.
 */
import type { MinorUnits } from '../../money.ts';
import { minorUnits } from '../../money.ts';
import { dayNumber, fromDayNumber } from './dates.ts';
import { EscalationError } from './errors.ts';
import { add, equals, floor, fraction, multiply, roundHalfUp, scale, ZERO } from './fraction.ts';
import { BUILT_IN_RATE_TABLES } from './key-rates.ts';
import { rateOn, resolveRateTable } from './rate-table.ts';
import type {
  CaseInvoice,
  Fraction,
  InvoiceLateFee,
  IsoDate,
  LateFeePeriod,
  LateFeeResult,
  LateFeeRule,
  LateFeeTotal,
  RateTableRegistry,
  StepRecord,
} from './types.ts';

export interface LateFeeOptions {
  /** Step records of the case; a fixed-per-reminder rule charges the 'approved' reminders among them. */
  readonly history?: readonly StepRecord[];
  /** Rate tables by id; default: the tables shipped in key-rates.ts. */
  readonly rateTables?: RateTableRegistry;
}

function checkFraction(value: Fraction, field: string): void {
  if (value.denominator <= 0n || value.numerator < 0n) {
    throw new EscalationError('BAD_FRACTION', field, `${field} must be a non-negative fraction with a positive denominator`);
  }
}

/** Throws BAD_POLICY / BAD_FRACTION / RATE_TABLE_* for a rule that cannot be computed. */
export function validateLateFeeRule(rule: LateFeeRule, rateTables: RateTableRegistry = BUILT_IN_RATE_TABLES): void {
  const grace = rule.graceDays ?? 0;
  if (!Number.isInteger(grace) || grace < 0) throw new EscalationError('BAD_POLICY', 'lateFee.graceDays', `graceDays must be a whole number ≥ 0, not ${grace}`);
  if (rule.cap?.fractionOfPrincipal) checkFraction(rule.cap.fractionOfPrincipal, 'lateFee.cap.fractionOfPrincipal');
  switch (rule.kind) {
    case 'daily_key_rate_fraction':
      checkFraction(rule.fraction, 'lateFee.fraction');
      resolveRateTable(rateTables, rule.rateTableId);
      return;
    case 'annual_rate_pro_rata':
      checkFraction(rule.annualRate, 'lateFee.annualRate');
      if (rule.dayCount !== 365) throw new EscalationError('BAD_POLICY', 'lateFee.dayCount', `dayCount must be 365, not ${String(rule.dayCount)}`);
      return;
    case 'fixed_per_reminder':
      for (const [currency, amount] of Object.entries(rule.amount)) {
        if (amount < 0n) throw new EscalationError('BAD_POLICY', `lateFee.amount.${currency}`, `the fee per reminder in ${currency} is negative`);
      }
      return;
  }
}

function perCurrency(map: Readonly<Record<string, MinorUnits>>, currency: string, field: string): MinorUnits {
  const value = map[currency];
  if (value === undefined) {
    throw new EscalationError('CURRENCY_NOT_IN_RULE', field, `the late-fee rule has no ${field.split('.').pop()} for ${currency}; add ${currency} to ${field}`);
  }
  return value;
}

/** Open amount at the start of each day from `firstDay` to `lastDay` (changes dated before the day), clamped at zero. */
function dailyBases(invoice: CaseInvoice, firstDay: number, lastDay: number): bigint[] {
  const changes = invoice.balanceChanges
    .map((change, i) => ({ day: dayNumber(change.on, `invoices[${invoice.id}].balanceChanges[${i}].on`), delta: change.deltaMinor as bigint }))
    .sort((a, b) => a.day - b.day);
  const bases: bigint[] = [];
  let open: bigint = invoice.amountMinor;
  let next = 0;
  for (let day = firstDay; day <= lastDay; day++) {
    while (next < changes.length && changes[next]!.day < day) open += changes[next++]!.delta;
    bases.push(open > 0n ? open : 0n);
  }
  return bases;
}

/** One invoice's fee as of `asOf` under `rule`; see the module comment for the conventions. */
export function computeInvoiceLateFee(rule: LateFeeRule, invoice: CaseInvoice, asOf: IsoDate, options: LateFeeOptions = {}): InvoiceLateFee {
  const rateTables = options.rateTables ?? BUILT_IN_RATE_TABLES;
  validateLateFeeRule(rule, rateTables);
  const due = dayNumber(invoice.dueDate, `invoices[${invoice.id}].dueDate`);
  const asOfDay = dayNumber(asOf, 'asOf');
  const grace = rule.graceDays ?? 0;
  const firstOverdue = due + 1;
  const bases = dailyBases(invoice, firstOverdue, asOfDay);
  const baseOf = (day: number): bigint => bases[day - firstOverdue] ?? 0n;

  // Whether the invoice was still open on some day after grace: only then is anything owed.
  let openAfterGrace = false;
  for (let day = due + grace + 1; day <= asOfDay && !openAfterGrace; day++) openAfterGrace = baseOf(day) > 0n;
  const firstChargeable = (rule.graceCounting ?? 'after_grace') === 'after_grace' ? due + grace + 1 : firstOverdue;

  const periods: LateFeePeriod[] = [];
  const reminderDates: IsoDate[] = [];
  let exact: Fraction = ZERO;
  let chargeableDays = 0;

  if (rule.kind === 'fixed_per_reminder') {
    const fee = perCurrency(rule.amount, invoice.currency, 'lateFee.amount');
    const seen = new Set<string>();
    for (const record of options.history ?? []) {
      if (record.kind !== 'reminder' || record.status !== 'approved' || !record.invoiceIds.includes(invoice.id)) continue;
      if (seen.has(record.idempotencyKey)) continue;
      const day = dayNumber(record.on, 'history.on');
      if (!openAfterGrace || day < firstChargeable || day > asOfDay) continue;
      seen.add(record.idempotencyKey);
      reminderDates.push(record.on);
    }
    reminderDates.sort();
    exact = fraction(fee * BigInt(reminderDates.length), 1n);
  } else if (openAfterGrace) {
    const table = rule.kind === 'daily_key_rate_fraction' ? resolveRateTable(rateTables, rule.rateTableId) : null;
    const asOfRate = table && rule.kind === 'daily_key_rate_fraction' && rule.rateOn === 'as_of' ? rateOn(table, asOf) : null;
    for (let day = Math.max(firstChargeable, firstOverdue); day <= asOfDay; day++) {
      const base = baseOf(day);
      if (base === 0n) continue;
      let rate: Fraction;
      let dailyRate: Fraction;
      if (rule.kind === 'daily_key_rate_fraction') {
        rate = (asOfRate ?? rateOn(table!, fromDayNumber(day))).rate;
        dailyRate = multiply(rate, rule.fraction);
      } else {
        rate = rule.annualRate;
        dailyRate = fraction(rate.numerator, rate.denominator * BigInt(rule.dayCount));
      }
      chargeableDays++;
      const last = periods[periods.length - 1];
      if (last && last.baseMinor === base && equals(last.dailyRate, dailyRate) && dayNumber(last.to) === day - 1) {
        periods[periods.length - 1] = { ...last, to: fromDayNumber(day), days: last.days + 1, accrued: scale(dailyRate, base * BigInt(last.days + 1)) };
      } else {
        periods.push({ from: fromDayNumber(day), to: fromDayNumber(day), days: 1, baseMinor: minorUnits(base), rate, dailyRate, accrued: scale(dailyRate, base) });
      }
    }
    exact = periods.reduce((sum, period) => add(sum, period.accrued), ZERO);
  }

  const uncapped = roundHalfUp(exact);
  let cap: bigint | null = null;
  if (rule.cap?.fractionOfPrincipal) cap = floor(scale(rule.cap.fractionOfPrincipal, invoice.amountMinor));
  if (rule.cap?.absolute) {
    const absolute = perCurrency(rule.cap.absolute, invoice.currency, 'lateFee.cap.absolute');
    cap = cap === null || absolute < cap ? absolute : cap;
  }
  const capped = cap !== null && uncapped > cap;
  return {
    invoiceId: invoice.id,
    currency: invoice.currency,
    asOf,
    ruleKind: rule.kind,
    daysPastDue: asOfDay - due,
    chargeableDays: rule.kind === 'fixed_per_reminder' ? 0 : chargeableDays,
    principalMinor: invoice.amountMinor,
    periods,
    reminderDates,
    exactMinor: exact,
    uncappedFeeMinor: minorUnits(uncapped),
    capMinor: cap === null ? null : minorUnits(cap),
    capped,
    feeMinor: minorUnits(capped ? cap! : uncapped),
  };
}

/** Every invoice's fee as of `asOf`, plus one total per currency: what the workbench shows per case. */
export function computeLateFees(rule: LateFeeRule, invoices: readonly CaseInvoice[], asOf: IsoDate, options: LateFeeOptions = {}): LateFeeResult {
  const perInvoice = invoices.map((invoice) => computeInvoiceLateFee(rule, invoice, asOf, options));
  const sums = new Map<string, bigint>();
  for (const fee of perInvoice) sums.set(fee.currency, (sums.get(fee.currency) ?? 0n) + fee.feeMinor);
  const totals: LateFeeTotal[] = [...sums.keys()].sort().map((currency) => ({ currency, feeMinor: minorUnits(sums.get(currency)!) }));
  return { asOf, invoices: perInvoice, totals };
}
