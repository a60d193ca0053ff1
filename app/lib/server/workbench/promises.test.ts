import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkbench, type TestWorkbench } from '../../../../tests/support/workbench-database.ts';
import { ensureCases, getCase } from './cases.ts';
import { PromiseStateError } from './errors.ts';
import { cancelPromise, evaluatePromises, planPromiseOutcomes, recordPromise, type PaymentInput, type PromiseUnderEvaluation } from './promises.ts';

const TZ = 'Europe/Moscow'; // UTC+3 all year

function promise(id: bigint, amountMinor: bigint, currency: string, promisedDate: string, promisedAt: string, status: 'open' | 'kept' = 'open'): PromiseUnderEvaluation {
  return { id, customerId: 'cus_p', amountMinor, currency, promisedDate, promisedAt: new Date(promisedAt), status };
}
function paid(receivedAt: string, amountMinor: bigint, currency = 'RUB', customerId = 'cus_p'): PaymentInput {
  return { customerId, receivedAt, amountMinor, currency };
}

describe('planPromiseOutcomes', () => {
  const asOf = new Date('2026-03-25T12:00:00Z');

  it('adds up partial payments up to the end of the promised day in the workbench time zone', () => {
    const p = [promise(1n, 10_000n, 'RUB', '2026-03-10', '2026-03-01T09:00:00Z')];
    // 23:30 in Moscow on the 10th counts; 00:30 on the 11th does not.
    expect(planPromiseOutcomes(p, [paid('2026-03-05T10:00:00Z', 4_000n), paid('2026-03-10T20:30:00Z', 6_000n)], { asOf, graceDays: 0, timezone: TZ }))
      .toEqual([{ promiseId: 1n, status: 'kept', paidMinor: 10_000n, deadline: '2026-03-10' }]);
    expect(planPromiseOutcomes(p, [paid('2026-03-05T10:00:00Z', 4_000n), paid('2026-03-10T21:30:00Z', 6_000n)], { asOf, graceDays: 0, timezone: TZ }))
      .toEqual([{ promiseId: 1n, status: 'broken', paidMinor: 4_000n, deadline: '2026-03-10' }]);
    // …unless grace days cover it.
    expect(planPromiseOutcomes(p, [paid('2026-03-05T10:00:00Z', 4_000n), paid('2026-03-10T21:30:00Z', 6_000n)], { asOf, graceDays: 1, timezone: TZ })[0]!.status).toBe('kept');
  });

  it('ignores payments in other currencies, of other customers, and from before the promise', () => {
    const p = [promise(1n, 5_000n, 'RUB', '2026-03-20', '2026-03-12T08:00:00Z')];
    const payments = [paid('2026-03-11T08:00:00Z', 5_000n), paid('2026-03-15T08:00:00Z', 5_000n, 'EUR'), paid('2026-03-15T08:00:00Z', 5_000n, 'RUB', 'cus_other'), paid('2026-03-16T08:00:00Z', 1_000n)];
    expect(planPromiseOutcomes(p, payments, { asOf, graceDays: 0, timezone: TZ })).toEqual([{ promiseId: 1n, status: 'broken', paidMinor: 1_000n, deadline: '2026-03-20' }]);
  });

  it('counts each payment once across promises, earliest promised date first, kept ones included', () => {
    const payments = [paid('2026-03-05T10:00:00Z', 10_000n)];
    const p = [promise(2n, 6_000n, 'RUB', '2026-03-10', '2026-03-01T09:00:00Z'), promise(1n, 6_000n, 'RUB', '2026-03-08', '2026-03-01T09:00:00Z', 'kept')];
    // The kept promise (due the 8th) already holds 6 000 of the payment: 4 000 are left for the other.
    expect(planPromiseOutcomes(p, payments, { asOf, graceDays: 0, timezone: TZ })).toEqual([{ promiseId: 2n, status: 'broken', paidMinor: 4_000n, deadline: '2026-03-10' }]);
  });

  it('leaves a promise open while its deadline has not passed, however little is paid', () => {
    const p = [promise(1n, 2_000n, 'USD', '2026-03-25', '2026-03-20T09:00:00Z')];
    expect(planPromiseOutcomes(p, [paid('2026-03-21T09:00:00Z', 1_000n, 'USD')], { asOf, graceDays: 0, timezone: TZ })).toEqual([]);
    expect(() => planPromiseOutcomes(p, [], { asOf, graceDays: -1, timezone: TZ })).toThrow(/graceDays/);
  });
});

describe('evaluatePromises', () => {
  let t: TestWorkbench;
  beforeAll(async () => {
    t = await createTestWorkbench();
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('marks promises kept or broken on a payment timeline, once, with an audit row each', async () => {
    const db = t.workbench.db;
    const { opened: [c, other] } = await ensureCases(db, [{ customerId: 'cus_p' }, { customerId: 'cus_q' }], { actor: 'system:queue' });
    const ctx = (v: number) => ({ actor: 'anna@example.com', expectedVersion: v });
    const p1 = await recordPromise(db, c!.id, { amountMinor: 10_000n, currency: 'RUB', promisedDate: '2026-03-10', promisedAt: new Date('2026-03-01T09:00:00Z') }, ctx(1));
    const p2 = await recordPromise(db, c!.id, { amountMinor: 5_000n, currency: 'RUB', promisedDate: '2026-03-20', promisedAt: new Date('2026-03-12T09:00:00Z') }, ctx(2));
    const p3 = await recordPromise(db, c!.id, { amountMinor: 2_000n, currency: 'USD', promisedDate: '2026-04-30', promisedAt: new Date('2026-03-12T09:00:00Z') }, ctx(3));
    const p4 = await recordPromise(db, c!.id, { amountMinor: 1_000n, currency: 'RUB', promisedDate: '2026-03-15', promisedAt: new Date('2026-03-12T09:00:00Z') }, ctx(4));
    const q1 = await recordPromise(db, other!.id, { amountMinor: 700n, currency: 'EUR', promisedDate: '2026-03-15', promisedAt: new Date('2026-03-01T09:00:00Z') }, ctx(1));
    const { case: beforeEval } = await cancelPromise(db, p4.promise.id, 'replaced by a new promise', ctx(5));
    const payments = [
      paid('2026-02-20T10:00:00Z', 10_000n), // before any promise
      paid('2026-03-05T10:00:00Z', 4_000n), paid('2026-03-10T20:30:00Z', 6_000n), // p1: two parts, the second late evening Moscow time
      paid('2026-03-18T10:00:00Z', 3_000n, 'EUR'), // p2 is in roubles
      paid('2026-03-21T22:00:00Z', 5_000n), // p2: on the 22nd in Moscow, two days late
      paid('2026-03-20T10:00:00Z', 1_000n, 'USD'), // p3: half, not yet due
      paid('2026-03-14T10:00:00Z', 700n, 'EUR', 'cus_q'),
    ];
    const outcomes = await evaluatePromises(db, payments, { asOf: new Date('2026-03-25T12:00:00Z'), graceDays: 1, timezone: TZ });
    expect(outcomes.map((o) => [o.promiseId, o.status, o.paidMinor])).toEqual([
      [p1.promise.id, 'kept', 10_000n],
      [q1.promise.id, 'kept', 700n],
      [p2.promise.id, 'broken', 0n],
    ]); // in promised-date order

    const detail = await getCase(db, c!.id);
    expect(Object.fromEntries(detail.promises.map((p) => [String(p.id), p.status]))).toEqual({
      [String(p1.promise.id)]: 'kept', [String(p2.promise.id)]: 'broken', [String(p3.promise.id)]: 'open', [String(p4.promise.id)]: 'cancelled',
    });
    expect(detail.promises.find((p) => p.id === p1.promise.id)!.evaluated_at).toBeInstanceOf(Date);
    expect(detail.case.version).toBe(beforeEval.version); // system evaluation does not bump the version
    const evaluated = detail.history.filter((e) => e.kind === 'promise_kept' || e.kind === 'promise_broken');
    expect(evaluated.map((e) => [e.kind, e.actor, e.payload])).toEqual([
      ['promise_kept', 'system:promise-evaluator', { promiseId: String(p1.promise.id), amountMinor: '10000', currency: 'RUB', promisedDate: '2026-03-10', deadline: '2026-03-11', paidMinor: '10000', graceDays: 1 }],
      ['promise_broken', 'system:promise-evaluator', { promiseId: String(p2.promise.id), amountMinor: '5000', currency: 'RUB', promisedDate: '2026-03-20', deadline: '2026-03-21', paidMinor: '0', graceDays: 1 }],
    ]);

    // Again, same payments: nothing changes, nothing is added to the history.
    expect(await evaluatePromises(db, payments, { asOf: new Date('2026-03-26T12:00:00Z'), graceDays: 1, timezone: TZ })).toEqual([]);
    expect((await getCase(db, c!.id)).history.length).toBe(detail.history.length);
    // Later, past p3's date with only half paid: broken.
    const later = await evaluatePromises(db, payments, { asOf: new Date('2026-05-02T12:00:00Z'), graceDays: 1, timezone: TZ });
    expect(later.map((o) => [o.promiseId, o.status, o.paidMinor])).toEqual([[p3.promise.id, 'broken', 1_000n]]);
    await expect(cancelPromise(db, p3.promise.id, 'too late', ctx(beforeEval.version))).rejects.toBeInstanceOf(PromiseStateError);
  });
});
