/**
 * One escalation run for one case: which ladder steps to propose today, and which are held and why.
 *
 * Rules (in this order for every invoice, step by step up the ladder):
 * - A step is never proposed twice: any earlier record of it (proposed, approved or skipped) for
 *   an invoice moves that invoice past it, and the ladder never goes back below a step taken.
 * - Steps for other segments are passed over; so are steps whose threshold is not met today
 *   (held 'below_threshold'), since a later step may still apply.
 * - A step not yet due (too few days past due) stops the invoice's climb for today.
 * - A due step on a disputed invoice, or on one covered by a promise to pay in force, is held with
 *   the reason and stops the climb: nothing further happens to that invoice until it clears.
 * - 'one_step' sequencing takes at most one step per invoice per day: an invoice with a record
 *   dated today waits for tomorrow, so re-running a day proposes nothing new. 'catch_up' proposes
 *   every due step at once.
 * - A case step (suspension, agency hand-off) waits until an invoice has climbed to it; it names
 *   every invoice that qualifies. Once recorded, it stays in force while any invoice it named is
 *   still overdue; when they are all settled, the next overdue episode starts a new cycle.
 */
import { minorToDecimalString } from '../../money.ts';
import { addDays, dayNumber } from './dates.ts';
import { BUILT_IN_RATE_TABLES } from './key-rates.ts';
import { computeInvoiceLateFee } from './late-fee.ts';
import type {
  CaseInvoice,
  EscalationCase,
  EscalationPlan,
  EscalationPolicy,
  EscalationStep,
  HeldStep,
  HoldCode,
  IsoDate,
  ProposedAction,
  RateTableRegistry,
  StepKind,
} from './types.ts';
import { RISK_BANDS, validatePolicy } from './validate-policy.ts';

export interface ProposeOptions {
  /** Rate tables by id for key-rate late fees; default: the tables in key-rates.ts. */
  readonly rateTables?: RateTableRegistry;
}

interface InvoiceState {
  readonly invoice: CaseInvoice;
  readonly open: bigint;
  readonly daysPastDue: number;
  /** Index of the next ladder step this invoice may take. */
  frontier: number;
  /** Its climb is over for this run. */
  stopped: boolean;
  /** A step naming it is already recorded today (or later): with 'one_step', nothing more today. */
  readonly steppedToday: boolean;
  readonly hold: { readonly code: HoldCode; readonly reason: string } | null;
}

function money(amount: bigint, currency: string): string {
  return `${minorToDecimalString(amount, currency)} ${currency}`;
}

function days(count: number): string {
  return `${count} day${count === 1 ? '' : 's'}`;
}

function openOn(invoice: CaseInvoice, today: number): bigint {
  let open: bigint = invoice.amountMinor;
  invoice.balanceChanges.forEach((change, i) => {
    if (dayNumber(change.on, `invoices[${invoice.id}].balanceChanges[${i}].on`) <= today) open += change.deltaMinor;
  });
  return open;
}

function holdFor(policy: EscalationPolicy, input: EscalationCase, invoice: CaseInvoice, today: IsoDate): InvoiceState['hold'] {
  if (policy.exceptions.skipDisputed && invoice.disputed) {
    return { code: 'disputed', reason: `Invoice ${invoice.id} is disputed: no escalation until the dispute is resolved.` };
  }
  if (!policy.exceptions.pauseOnPromise) return null;
  const todayDay = dayNumber(today);
  for (const promise of input.promises) {
    if (promise.status !== 'open') continue;
    if (promise.invoiceIds !== null && !promise.invoiceIds.includes(invoice.id)) continue;
    const pausedUntil = addDays(promise.payBy, policy.exceptions.promiseGraceDays);
    if (dayNumber(promise.madeOn, `promises[${promise.id}].madeOn`) <= todayDay && todayDay <= dayNumber(pausedUntil)) {
      return {
        code: 'promise_in_force',
        reason: `Promise to pay ${money(promise.amountMinor, promise.currency)} by ${promise.payBy} (made ${promise.madeOn}) is in force: escalation paused until ${pausedUntil}.`,
      };
    }
  }
  return null;
}

/** Today's proposals and held steps for one case. Pure: same arguments, same plan. */
export function planEscalation(policy: EscalationPolicy, input: EscalationCase, today: IsoDate, options: ProposeOptions = {}): EscalationPlan {
  const rateTables = options.rateTables ?? BUILT_IN_RATE_TABLES;
  validatePolicy(policy, rateTables);
  const todayDay = dayNumber(today, 'today');
  const stepIndex = new Map(policy.steps.map((step, i) => [step.id, i]));
  const history = input.history.filter((record) => stepIndex.has(record.stepId));

  const states: InvoiceState[] = [];
  for (const invoice of input.invoices) {
    const open = openOn(invoice, todayDay);
    const daysPastDue = todayDay - dayNumber(invoice.dueDate, `invoices[${invoice.id}].dueDate`);
    if (open <= 0n || daysPastDue < 1) continue;
    let frontier = 0;
    let steppedToday = false;
    history.forEach((record, i) => {
      if (!record.invoiceIds.includes(invoice.id)) return;
      frontier = Math.max(frontier, stepIndex.get(record.stepId)! + 1);
      steppedToday ||= dayNumber(record.on, `history[${i}].on`) >= todayDay;
    });
    const hold = holdFor(policy, input, invoice, today);
    states.push({ invoice, open, daysPastDue, frontier, stopped: false, steppedToday: steppedToday && policy.sequencing === 'one_step', hold });
  }
  const overdueIds = new Set(states.map((state) => state.invoice.id));

  const approvalReasons = (step: EscalationStep): string[] => [
    ...(step.requiresApproval ? [`${step.label} always needs approval.`] : []),
    ...(policy.exceptions.approvalSegments.includes(input.segment) ? [`Every action for ${input.segment} customers needs approval.`] : []),
  ];
  const branchKind = (step: EscalationStep): StepKind | null => {
    const branch = policy.branch;
    if (!branch || input.riskBand === null || !branch.appliesTo.includes(step.kind)) return null;
    return RISK_BANDS.indexOf(input.riskBand) >= RISK_BANDS.indexOf(branch.when.minRiskBand) ? branch.replaceKind : null;
  };

  const proposals: ProposedAction[] = [];
  const held: HeldStep[] = [];
  const propose = (step: EscalationStep, invoiceIds: string[], cycle: number, reason: string, fee: Pick<ProposedAction, 'amountMinor' | 'currency' | 'lateFee'>): void => {
    const replaced = branchKind(step);
    const approvals = approvalReasons(step);
    proposals.push({
      idempotencyKey: `${input.customerId}:${step.id}:${step.scope === 'invoice' ? invoiceIds[0] : 'all'}:${cycle}`,
      caseId: input.caseId,
      customerId: input.customerId,
      stepId: step.id,
      kind: replaced ?? step.kind,
      stepKind: step.kind,
      cycle,
      invoiceIds,
      ...fee,
      reason: replaced ? `${reason} Churn risk is ${input.riskBand}: proposed as ${replaced.replace('_', ' ')} instead.` : reason,
      needsApproval: approvals.length > 0,
      approvalReason: approvals.length > 0 ? approvals.join(' ') : null,
      proposedOn: today,
    });
  };
  const advance = (state: InvoiceState, past: number): void => {
    state.frontier = Math.max(state.frontier, past + 1);
  };
  const noFee = { amountMinor: null, currency: null, lateFee: null };

  policy.steps.forEach((step, i) => {
    const climbing = states.filter((state) => !state.stopped && state.frontier <= i);
    if (step.segments !== null && !step.segments.includes(input.segment)) {
      climbing.forEach((state) => advance(state, i));
      return;
    }
    if (step.scope === 'invoice') {
      for (const state of climbing) {
        const { invoice } = state;
        if (state.daysPastDue < step.minDaysPastDue) {
          state.stopped = true;
          continue;
        }
        if (state.hold) {
          held.push({ stepId: step.id, kind: step.kind, invoiceIds: [invoice.id], ...state.hold });
          state.stopped = true;
          continue;
        }
        if (state.steppedToday) {
          state.stopped = true;
          continue;
        }
        const threshold = step.minOverdueMinor?.[invoice.currency];
        if (step.minOverdueMinor !== null && (threshold === undefined || state.open < threshold)) {
          held.push({
            stepId: step.id,
            kind: step.kind,
            invoiceIds: [invoice.id],
            code: 'below_threshold',
            reason: threshold === undefined
              ? `${step.label} has no threshold for ${invoice.currency}, so it does not apply to invoice ${invoice.id}.`
              : `Invoice ${invoice.id} has ${money(state.open, invoice.currency)} open, below the ${step.label} threshold of ${money(threshold, invoice.currency)}.`,
          });
          advance(state, i);
          continue;
        }
        const overdue = `Invoice ${invoice.id} is ${days(state.daysPastDue)} past due with ${money(state.open, invoice.currency)} open`;
        if (step.kind === 'late_fee') {
          const fee = computeInvoiceLateFee(policy.lateFee!, invoice, today, { history: input.history, rateTables });
          if (fee.feeMinor === 0n) {
            held.push({ stepId: step.id, kind: step.kind, invoiceIds: [invoice.id], code: 'no_fee_accrued', reason: `${overdue}, but no late fee has accrued under the policy yet.` });
            state.stopped = true;
            continue;
          }
          const capNote = fee.capped ? ` (capped at ${money(fee.capMinor!, invoice.currency)})` : '';
          propose(step, [invoice.id], 1, `${overdue}: charge a late fee of ${money(fee.feeMinor, invoice.currency)}${capNote} accrued to ${today}.`, {
            amountMinor: fee.feeMinor,
            currency: invoice.currency,
            lateFee: fee,
          });
        } else {
          propose(step, [invoice.id], 1, `${overdue}; ${step.label} is due from day ${step.minDaysPastDue}.`, noFee);
        }
        if (policy.sequencing === 'one_step') state.stopped = true;
        else advance(state, i);
      }
      return;
    }

    // A case step: in force for this episode if a record of it names an invoice still overdue.
    const records = history.filter((record) => record.stepId === step.id);
    if (records.some((record) => record.invoiceIds.some((id) => overdueIds.has(id)))) {
      climbing.forEach((state) => advance(state, i));
      return;
    }
    const due = climbing.filter((state) => state.daysPastDue >= step.minDaysPastDue);
    climbing.filter((state) => state.daysPastDue < step.minDaysPastDue).forEach((state) => (state.stopped = true));
    for (const state of due.filter((candidate) => candidate.hold)) {
      held.push({ stepId: step.id, kind: step.kind, invoiceIds: [state.invoice.id], ...state.hold! });
      state.stopped = true;
    }
    due.filter((state) => !state.hold && state.steppedToday).forEach((state) => (state.stopped = true));
    const eligible = due.filter((state) => !state.hold && !state.steppedToday);
    if (eligible.length === 0) return;
    const sums = new Map<string, bigint>();
    for (const state of eligible) sums.set(state.invoice.currency, (sums.get(state.invoice.currency) ?? 0n) + state.open);
    const currencies = [...sums.keys()].sort();
    const meeting = currencies.filter((currency) => {
      const threshold = step.minOverdueMinor === null ? 0n : step.minOverdueMinor[currency];
      return threshold !== undefined && sums.get(currency)! >= threshold;
    });
    const totals = currencies.map((currency) => money(sums.get(currency)!, currency)).join(' and ');
    if (meeting.length === 0) {
      const limits = currencies.map((currency) => {
        const threshold = step.minOverdueMinor?.[currency];
        return threshold === undefined ? `no threshold for ${currency}` : `threshold ${money(threshold, currency)}`;
      });
      held.push({
        stepId: step.id,
        kind: step.kind,
        invoiceIds: eligible.map((state) => state.invoice.id),
        code: 'below_threshold',
        reason: `${totals} open at ${step.minDaysPastDue}+ days past due is below what ${step.label} needs (${limits.join(', ')}).`,
      });
      eligible.forEach((state) => advance(state, i));
      return;
    }
    const named = eligible.filter((state) => meeting.includes(state.invoice.currency));
    const cycle = 1 + records.reduce((max, record) => Math.max(max, record.cycle), 0);
    const oldest = Math.max(...named.map((state) => state.daysPastDue));
    const count = named.length === 1 ? '1 invoice' : `${named.length} invoices`;
    const namedTotals = meeting.map((currency) => money(sums.get(currency)!, currency)).join(' and ');
    propose(
      step,
      named.map((state) => state.invoice.id),
      cycle,
      `${count} at least ${days(step.minDaysPastDue)} past due (oldest ${days(oldest)}), ${namedTotals} open; ${step.label} is due from day ${step.minDaysPastDue}.`,
      noFee,
    );
    for (const state of named) {
      if (policy.sequencing === 'one_step') state.stopped = true;
      else advance(state, i);
    }
  });

  return { caseId: input.caseId, today, proposals, held };
}

/** Just the proposals of `planEscalation`: what staff approve or skip. */
export function proposeActions(policy: EscalationPolicy, input: EscalationCase, today: IsoDate, options: ProposeOptions = {}): ProposedAction[] {
  return [...planEscalation(policy, input, today, options).proposals];
}
