import { sql } from 'kysely';
import { minorUnits, type MinorUnits } from '../../money.ts';
import { appendCaseEvent, changeCase, requireActor, type Actor, type ChangeContext } from './change-case.ts';
import type { WorkbenchDb } from './database.ts';
import { PromiseNotFoundError, PromiseStateError, WorkbenchInputError } from './errors.ts';
import type { Case, PromiseToPay } from './schema.ts';

const ISO_DAY = /^(\d{4})-(\d\d)-(\d\d)$/;
const CURRENCY = /^[A-Z]{3}$/;

export interface PromiseInput {
  /** > 0, minor units of `currency`. */
  readonly amountMinor: bigint;
  readonly currency: string;
  /** 'YYYY-MM-DD': the day by which the customer will pay (in the workbench's time zone). */
  readonly promisedDate: string;
  /** When the customer made the promise; default now. Payments from that calendar day on count. */
  readonly promisedAt?: Date;
}

/** Records a promise to pay. Audit payload `{ promiseId, amountMinor, currency, promisedDate }`. */
export async function recordPromise(db: WorkbenchDb, caseId: bigint, input: PromiseInput, ctx: ChangeContext): Promise<{ case: Case; promise: PromiseToPay }> {
  if (typeof input.amountMinor !== 'bigint' || input.amountMinor <= 0n) throw new WorkbenchInputError('A promise needs a positive amount (bigint minor units)');
  if (!CURRENCY.test(input.currency)) throw new WorkbenchInputError(`"${input.currency}" is not an ISO 4217 currency code (three capital letters, e.g. USD)`);
  if (!isCalendarDay(input.promisedDate)) throw new WorkbenchInputError(`"${input.promisedDate}" is not a date (YYYY-MM-DD)`);
  const { case: c, value: promise } = await changeCase(db, caseId, ctx, {
    kind: 'promise_recorded',
    write: async (trx) => {
      const promise = await trx
        .insertInto('promises_to_pay')
        .values({ case_id: caseId, amount_minor: input.amountMinor, currency: input.currency, promised_date: input.promisedDate, promised_at: input.promisedAt, created_by: ctx.actor })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { value: promise, payload: { promiseId: promise.id, amountMinor: promise.amount_minor, currency: promise.currency, promisedDate: promise.promised_date } };
    },
  });
  return { case: c, promise };
}

/** Cancels an open promise (e.g. replaced by a new one). Audit payload `{ promiseId, reason }`. */
export async function cancelPromise(db: WorkbenchDb, promiseId: bigint, reason: string, ctx: ChangeContext): Promise<{ case: Case; promise: PromiseToPay }> {
  const found = await db.selectFrom('promises_to_pay').select('case_id').where('id', '=', promiseId).executeTakeFirst();
  if (!found) throw new PromiseNotFoundError(`There is no promise ${promiseId}`);
  const { case: c, value: promise } = await changeCase(db, found.case_id, ctx, {
    kind: 'promise_cancelled',
    payload: { promiseId, reason },
    write: async (trx) => {
      const promise = await trx
        .updateTable('promises_to_pay')
        .set({ status: 'cancelled', evaluated_at: sql<Date>`now()` })
        .where('id', '=', promiseId)
        .where('status', '=', 'open')
        .returningAll()
        .executeTakeFirst();
      if (!promise) {
        const current = await trx.selectFrom('promises_to_pay').select(['status', 'evaluated_at']).where('id', '=', promiseId).executeTakeFirstOrThrow();
        throw new PromiseStateError(`Promise ${promiseId} is already ${current.status} (since ${current.evaluated_at?.toISOString()}); only an open promise can be cancelled`);
      }
      return { value: promise };
    },
  });
  return { case: c, promise };
}

/** A payment as the billing data has it; pass succeeded payments, net of refunds. */
export interface PaymentInput {
  readonly customerId: string;
  readonly receivedAt: Date | string;
  readonly amountMinor: bigint;
  readonly currency: string;
}

/** A promise as the evaluation needs it. Only 'open' and 'kept' promises take part ('kept' ones replay, so they keep their payments). */
export interface PromiseUnderEvaluation {
  readonly id: bigint;
  readonly customerId: string;
  readonly amountMinor: bigint;
  readonly currency: string;
  readonly promisedDate: string;
  readonly promisedAt: Date;
  readonly status: 'open' | 'kept';
}

export interface PromiseRules {
  /** The evaluation's "now". */
  readonly asOf: Date;
  /** Days after promised_date a payment still counts (whole days, ≥ 0). */
  readonly graceDays: number;
  /** IANA zone in which payments' and asOf's calendar days are read (config.timezone). */
  readonly timezone: string;
}

export interface PromiseOutcome {
  readonly promiseId: bigint;
  readonly status: 'kept' | 'broken';
  /** Paid towards it within its window (≤ amount). */
  readonly paidMinor: MinorUnits;
  /** Last day a payment counted: promised_date + graceDays. */
  readonly deadline: string;
}

/**
 * Decides which open promises are now kept or broken (pure; see evaluatePromises).
 * Rules, per customer and currency (no currency conversion: a payment in another currency never
 * counts): promises are served in order of promised_date; each takes from payments received
 * (calendar day in `timezone`) between the day it was made and promised_date + graceDays, each
 * payment counted once across promises, partial payments adding up. Kept when they cover the amount;
 * broken when asOf's day is after the deadline without that; otherwise it stays open.
 */
export function planPromiseOutcomes(promises: readonly PromiseUnderEvaluation[], payments: readonly PaymentInput[], rules: PromiseRules): PromiseOutcome[] {
  if (!Number.isInteger(rules.graceDays) || rules.graceDays < 0) throw new WorkbenchInputError(`graceDays must be a whole number of days ≥ 0, not ${rules.graceDays}`);
  const day = calendarDayIn(rules.timezone);
  const today = day(rules.asOf);
  const pots = new Map<string, { day: string; left: bigint }[]>();
  for (const p of [...payments].sort((a, b) => new Date(a.receivedAt).getTime() - new Date(b.receivedAt).getTime())) {
    if (p.amountMinor <= 0n) continue;
    const key = `${p.customerId}\u0000${p.currency}`;
    const pot = pots.get(key) ?? [];
    pot.push({ day: day(new Date(p.receivedAt)), left: p.amountMinor });
    pots.set(key, pot);
  }
  const ordered = [...promises].sort((a, b) => a.promisedDate.localeCompare(b.promisedDate) || a.promisedAt.getTime() - b.promisedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const outcomes: PromiseOutcome[] = [];
  for (const promise of ordered) {
    const from = day(promise.promisedAt);
    const deadline = addDays(promise.promisedDate, rules.graceDays);
    let paid = 0n;
    for (const payment of pots.get(`${promise.customerId}\u0000${promise.currency}`) ?? []) {
      if (paid === promise.amountMinor) break;
      if (payment.left === 0n || payment.day < from || payment.day > deadline) continue;
      const take = payment.left < promise.amountMinor - paid ? payment.left : promise.amountMinor - paid;
      payment.left -= take;
      paid += take;
    }
    if (promise.status !== 'open') continue;
    if (paid === promise.amountMinor) outcomes.push({ promiseId: promise.id, status: 'kept', paidMinor: minorUnits(paid), deadline });
    else if (today > deadline) outcomes.push({ promiseId: promise.id, status: 'broken', paidMinor: minorUnits(paid), deadline });
  }
  return outcomes;
}

/** What the system actor is called in the audit trail when it evaluates promises. */
export const PROMISE_EVALUATOR: Actor = 'system:promise-evaluator';

/**
 * Marks open promises kept or broken against the payments given (see planPromiseOutcomes), each
 * change with a 'promise_kept' / 'promise_broken' audit row `{ promiseId, amountMinor, currency,
 * promisedDate, deadline, paidMinor, graceDays }`. Idempotent: only open promises change.
 * A system change: it does not bump the case version (a collector's concurrent edit is not refused
 * for it), and an open promise a collector cancels meanwhile stays cancelled.
 */
export async function evaluatePromises(
  db: WorkbenchDb,
  payments: readonly PaymentInput[],
  rules: Partial<Pick<PromiseRules, 'asOf' | 'graceDays'>> & Pick<PromiseRules, 'timezone'>,
  actor: Actor = PROMISE_EVALUATOR,
): Promise<PromiseOutcome[]> {
  requireActor(actor);
  const rows = await db
    .selectFrom('promises_to_pay as p')
    .innerJoin('cases as c', 'c.id', 'p.case_id')
    .select(['p.id', 'p.case_id', 'c.customer_id', 'p.amount_minor', 'p.currency', 'p.promised_date', 'p.promised_at', 'p.status'])
    .where('p.status', 'in', ['open', 'kept'])
    .where('c.customer_id', 'in', (eb) =>
      eb.selectFrom('promises_to_pay as o').innerJoin('cases as oc', 'oc.id', 'o.case_id').select('oc.customer_id').where('o.status', '=', 'open'),
    )
    .execute();
  const caseOf = new Map(rows.map((r) => [r.id, r]));
  const outcomes = planPromiseOutcomes(
    rows.map((r) => ({ id: r.id, customerId: r.customer_id, amountMinor: r.amount_minor, currency: r.currency, promisedDate: r.promised_date, promisedAt: r.promised_at, status: r.status as 'open' | 'kept' })),
    payments,
    { asOf: rules.asOf ?? new Date(), graceDays: rules.graceDays ?? 0, timezone: rules.timezone },
  );
  const applied: PromiseOutcome[] = [];
  for (const outcome of outcomes) {
    const row = caseOf.get(outcome.promiseId)!;
    const changed = await db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('promises_to_pay')
        .set({ status: outcome.status, evaluated_at: sql<Date>`now()` })
        .where('id', '=', outcome.promiseId)
        .where('status', '=', 'open')
        .returning('id')
        .executeTakeFirst();
      if (!updated) return false;
      await appendCaseEvent(trx, row.case_id, actor, outcome.status === 'kept' ? 'promise_kept' : 'promise_broken', {
        promiseId: row.id, amountMinor: row.amount_minor, currency: row.currency, promisedDate: row.promised_date,
        deadline: outcome.deadline, paidMinor: outcome.paidMinor, graceDays: rules.graceDays ?? 0,
      });
      return true;
    });
    if (changed) applied.push(outcome);
  }
  return applied;
}

function isCalendarDay(value: string): boolean {
  const m = ISO_DAY.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

function addDays(isoDay: string, days: number): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A function giving an instant's calendar day 'YYYY-MM-DD' in `timezone`. */
function calendarDayIn(timezone: string): (at: Date) => string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' });
  } catch {
    throw new WorkbenchInputError(`${timezone} is not an IANA time zone`);
  }
  return (at) => {
    if (Number.isNaN(at.getTime())) throw new WorkbenchInputError('A payment without a valid receivedAt');
    const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
    return `${parts.year}-${parts.month}-${parts.day}`;
  };
}
