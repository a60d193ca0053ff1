/**
 * The policy replay (back-test): the escalation engine run day by day over the warehouse's past,
 * every proposal taken the day it is proposed. Pure: invoices and policy in, simulated steps out.
 *
 * Why it is fast enough without a shortcut engine: a customer's plan can only change on a day when
 * one of its invoices is overdue (open at the end of the day and at least one day past due); on any
 * other day the engine proposes nothing. So the engine is called once per customer and overdue day,
 * never for customers or days with nothing overdue, on inputs loaded from DuckDB in one query.
 */
import { minorUnits, type MinorUnits } from '../../money.ts';
import { dayNumber, fromDayNumber } from '../escalation/dates.ts';
import { planEscalation, type RateTableRegistry, type CaseInvoice, type EscalationPolicy, type IsoDate, type StepKind, type StepRecord } from '../escalation/index.ts';

/** An invoice that is overdue at some point of the replay, as the engine sees it. */
export interface ReplayInvoice {
  readonly id: string;
  readonly currency: string;
  /** Due date, business time zone. */
  readonly dueOn: IsoDate;
  /** Open balance at the end of the due day. */
  readonly principalMinor: MinorUnits;
  /** Net change of the open balance per business day after the due day, in day order. */
  readonly changes: readonly { readonly on: IsoDate; readonly deltaMinor: MinorUnits }[];
}

export interface ReplayCustomer {
  readonly customerId: string;
  /** The customer's segment as the warehouse has it now (Known limitation: no segment history). */
  readonly segment: string;
  readonly invoices: readonly ReplayInvoice[];
}

/** A step the policy would have taken. */
export interface SimulatedStep {
  readonly idempotencyKey: string;
  readonly customerId: string;
  readonly stepId: string;
  readonly stepKind: StepKind;
  readonly kind: StepKind;
  readonly cycle: number;
  readonly invoiceIds: readonly string[];
  readonly takenOn: IsoDate;
  /** The late fee for late_fee steps; null otherwise. */
  readonly amountMinor: MinorUnits | null;
  readonly currency: string | null;
}

export interface ReplayWindow {
  /** First day simulated (the warm-up start). */
  readonly from: IsoDate;
  /** Last day simulated, inclusive. */
  readonly to: IsoDate;
}

/** Day numbers in [from, to] on which the invoice is overdue: open at the end of the day and at least one day past due. */
export function overdueDayNumbers(invoice: ReplayInvoice, from: number, to: number): number[] {
  const out: number[] = [];
  let open: bigint = invoice.principalMinor;
  let next = 0;
  const changeDays = invoice.changes.map((c) => dayNumber(c.on));
  for (let day = Math.max(dayNumber(invoice.dueOn) + 1, from); day <= to; day++) {
    // Changes dated up to the day count (end-of-day balance), earlier ones included on the first pass.
    while (next < changeDays.length && changeDays[next]! <= day) open += invoice.changes[next++]!.deltaMinor;
    if (open > 0n) out.push(day);
  }
  return out;
}

function caseInvoice(invoice: ReplayInvoice): CaseInvoice {
  return {
    id: invoice.id,
    currency: invoice.currency,
    dueDate: invoice.dueOn,
    amountMinor: invoice.principalMinor,
    balanceChanges: invoice.changes.map((c) => ({ on: c.on, deltaMinor: c.deltaMinor })),
    disputed: false,
  };
}

/**
 * Days on which the engine's view of the customer can change without a step being taken: an
 * invoice becomes overdue (due + 1), reaches a step's day (due + minDaysPastDue), or its balance
 * changes. Between them, a day on which nothing was proposed is followed by more such days.
 */
function eventDayNumbers(policy: EscalationPolicy, invoices: readonly ReplayInvoice[]): Set<number> {
  const offsets = [...new Set([1, ...policy.steps.map((s) => s.minDaysPastDue)])];
  const days = new Set<number>();
  for (const invoice of invoices) {
    const due = dayNumber(invoice.dueOn);
    for (const offset of offsets) days.add(due + offset);
    for (const change of invoice.changes) days.add(dayNumber(change.on));
  }
  return days;
}

export interface ReplayOptions {
  /**
   * Call the engine on every overdue day (true), or skip days on which it provably proposes nothing
   * (default): after a day without proposals, and without a late fee held only because none has
   * accrued yet, the next day that can differ is an event day (see eventDayNumbers). The replay test
   * checks both give the same steps.
   */
  readonly everyDay?: boolean;
  /** The stored rate tables the policy may name (default: the built-in ones). */
  readonly rateTables?: RateTableRegistry;
}

/**
 * The steps the policy takes for one customer over the window, one engine run per overdue day,
 * with every earlier simulated step as the history ('approved' on the day proposed). No promises to
 * pay and no disputes: the replay knows only the billing history (Known limitation).
 */
export function replayCustomer(policy: EscalationPolicy, customer: ReplayCustomer, window: ReplayWindow, options: ReplayOptions = {}): SimulatedStep[] {
  const from = dayNumber(window.from, 'from');
  const to = dayNumber(window.to, 'to');
  const days = new Set<number>();
  for (const invoice of customer.invoices) for (const day of overdueDayNumbers(invoice, from, to)) days.add(day);
  if (days.size === 0) return [];
  const events = options.everyDay ? null : eventDayNumbers(policy, customer.invoices);
  const invoices = customer.invoices.map(caseInvoice);
  const history: StepRecord[] = [];
  const steps: SimulatedStep[] = [];
  let lookTomorrow = true;
  for (const day of [...days].sort((a, b) => a - b)) {
    if (events && !lookTomorrow && !events.has(day)) continue;
    const today = fromDayNumber(day);
    const plan = planEscalation(policy, { caseId: customer.customerId, customerId: customer.customerId, segment: customer.segment, riskBand: null, invoices, promises: [], history }, today, { rateTables: options.rateTables });
    lookTomorrow = plan.proposals.length > 0 || plan.held.some((h) => h.code === 'no_fee_accrued');
    for (const p of plan.proposals) {
      history.push({ idempotencyKey: p.idempotencyKey, stepId: p.stepId, kind: p.stepKind, invoiceIds: p.invoiceIds, cycle: p.cycle, on: today, status: 'approved' });
      steps.push({
        idempotencyKey: p.idempotencyKey, customerId: p.customerId, stepId: p.stepId, stepKind: p.stepKind, kind: p.kind, cycle: p.cycle,
        invoiceIds: p.invoiceIds, takenOn: today, amountMinor: p.amountMinor === null ? null : minorUnits(p.amountMinor), currency: p.currency,
      });
    }
  }
  return steps;
}
