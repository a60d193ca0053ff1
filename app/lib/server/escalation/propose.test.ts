import { describe, expect, it } from 'vitest';
import { minorUnits } from '../../money.ts';
import { addDays, daysBetween } from './dates.ts';
import { defaultPolicy } from './default-policy.ts';
import { applyDecisions, proposedRecords, type OutboxMessage } from './outbox.ts';
import { planEscalation, proposeActions } from './propose.ts';
import type { CaseInvoice, EscalationCase, EscalationPolicy, HeldStep, IsoDate, StepRecord } from './types.ts';

const m = minorUnits;

function invoice(id: string, dueDate: IsoDate, amount: bigint, extra: Partial<CaseInvoice> = {}): CaseInvoice {
  return { id, currency: 'USD', dueDate, amountMinor: m(amount), balanceChanges: [], disputed: false, ...extra };
}

function makeCase(overrides: Partial<EscalationCase> = {}): EscalationCase {
  return { caseId: 'case-1', customerId: 'cust-1', segment: 'consumer', riskBand: null, invoices: [], promises: [], history: [], ...overrides };
}

interface Day {
  readonly day: IsoDate;
  readonly steps: string[];
  readonly held: readonly HeldStep[];
}

/**
 * Runs the engine once a day, as the workbench will: store the proposals, let staff approve them
 * all (or skip those `skip` names), publish approvals to an outbox with a unique key, then run the
 * same day again, which must propose nothing new.
 */
function simulate(policy: EscalationPolicy, start: EscalationCase, from: IsoDate, to: IsoDate, skip: (stepId: string) => boolean = () => false) {
  let history: StepRecord[] = [];
  const outbox = new Map<string, OutboxMessage>();
  const days: Day[] = [];
  for (let offset = 0; offset <= daysBetween(from, to); offset++) {
    const day = addDays(from, offset);
    const plan = planEscalation(policy, { ...start, history }, day);
    history = [...history, ...proposedRecords(plan.proposals, history)];
    const decisions = plan.proposals.map((action) => ({
      idempotencyKey: action.idempotencyKey,
      outcome: skip(action.stepId) ? ('skipped' as const) : ('approved' as const),
      decidedBy: 'collector-7',
      decidedOn: day,
    }));
    const effects = applyDecisions(plan.proposals, decisions, history);
    history = [...history, ...effects.records];
    for (const message of effects.outbox) {
      expect(outbox.has(message.idempotencyKey)).toBe(false);
      outbox.set(message.idempotencyKey, message);
    }
    // The same run again, and the same decisions again: nothing new.
    expect(proposeActions(policy, { ...start, history }, day)).toEqual([]);
    expect(applyDecisions(plan.proposals, decisions, history)).toEqual({ records: [], outbox: [] });
    days.push({
      day,
      steps: plan.proposals.map((action) => `${action.stepId}${action.kind !== action.stepKind ? `→${action.kind}` : ''}[${action.invoiceIds.join(',')}]`),
      held: plan.held,
    });
  }
  const timeline = days.filter((d) => d.steps.length > 0).map((d) => `${d.day} ${d.steps.join(' ')}`);
  return { days, timeline, outbox, history };
}

describe('the default ladder, day by day', () => {
  const policy = defaultPolicy();
  // A: 1 000.00 USD due 2025-01-01. B: 200.00 USD due 2025-01-20. Nobody pays.
  const consumer = makeCase({ invoices: [invoice('A', '2025-01-01', 100_000n), invoice('B', '2025-01-20', 20_000n)] });

  it('proposes each step on the day it falls due, once, over 120 days', () => {
    const { timeline, outbox } = simulate(policy, consumer, '2025-01-01', '2025-05-01');
    expect(timeline).toEqual([
      '2025-01-02 reminder-1[A]', // 1 day past due
      '2025-01-11 reminder-2[A]', // 10
      '2025-01-16 late-fee[A]', // 15
      '2025-01-21 reminder-1[B]',
      '2025-01-30 reminder-2[B]',
      '2025-01-31 suspension[A]', // A at 30; B (11) is not
      '2025-02-04 late-fee[B]',
      // B reaches 30 on 02-19: the suspension is already in force, so nothing new.
      '2025-04-01 agency-handoff[A]', // A at 90 with 1 000.00 ≥ 500.00; B (71) is not
      // B reaches 90 on 04-20: the hand-off is in force.
    ]);
    expect([...outbox.keys()]).toEqual([
      'cust-1:reminder-1:A:1',
      'cust-1:reminder-2:A:1',
      'cust-1:late-fee:A:1',
      'cust-1:reminder-1:B:1',
      'cust-1:reminder-2:B:1',
      'cust-1:suspension:all:1',
      'cust-1:late-fee:B:1',
      'cust-1:agency-handoff:all:1',
    ]);
    // 100 000 × 0.12 × 15 / 365 = 493.15 → 493; 20 000 × 0.12 × 15 / 365 = 98.63 → 99.
    expect(outbox.get('cust-1:late-fee:A:1')!.action).toMatchObject({ amountMinor: 493n, currency: 'USD' });
    expect(outbox.get('cust-1:late-fee:B:1')!.action).toMatchObject({ amountMinor: 99n, currency: 'USD' });
    // Only the agency hand-off needs approval for a consumer.
    expect([...outbox.values()].filter((message) => message.action.needsApproval).map((message) => message.action.stepId)).toEqual(['agency-handoff']);
  });

  it('explains each proposal in words a collector understands', () => {
    const [reminder] = proposeActions(policy, consumer, '2025-01-11');
    expect(reminder!.reason).toBe('Invoice A is 10 days past due with 1000.00 USD open; Reminder 1 is due from day 1.');
  });

  it('marks every action needsApproval for the enterprise segment and never suspends it', () => {
    const { timeline, outbox } = simulate(policy, { ...consumer, segment: 'enterprise' }, '2025-01-01', '2025-05-01');
    expect(timeline).toEqual([
      '2025-01-02 reminder-1[A]',
      '2025-01-11 reminder-2[A]',
      '2025-01-16 late-fee[A]',
      '2025-01-21 reminder-1[B]',
      '2025-01-30 reminder-2[B]',
      '2025-02-04 late-fee[B]',
      '2025-04-01 agency-handoff[A]',
    ]);
    const actions = [...outbox.values()].map((message) => message.action);
    expect(actions.every((action) => action.needsApproval)).toBe(true);
    expect(actions[0]!.approvalReason).toBe('Every action for enterprise customers needs approval.');
    expect(actions.at(-1)!.approvalReason).toBe('Hand-off to collection agency always needs approval. Every action for enterprise customers needs approval.');
  });

  it('skips a disputed invoice with the reason, and keeps it out of case steps', () => {
    const disputed = makeCase({ invoices: [invoice('A', '2025-01-01', 100_000n, { disputed: true }), invoice('B', '2025-01-20', 60_000n)] });
    const { timeline, days } = simulate(policy, disputed, '2025-01-01', '2025-05-01');
    expect(timeline).toEqual([
      '2025-01-21 reminder-1[B]',
      '2025-01-30 reminder-2[B]',
      '2025-02-04 late-fee[B]',
      '2025-02-19 suspension[B]', // B at 30; A (49 days) does not count
      '2025-04-20 agency-handoff[B]', // B alone, 600.00 ≥ 500.00
    ]);
    const first = days.find((d) => d.day === '2025-01-02')!.held;
    expect(first).toEqual([
      { stepId: 'reminder-1', kind: 'reminder', invoiceIds: ['A'], code: 'disputed', reason: 'Invoice A is disputed: no escalation until the dispute is resolved.' },
    ]);
  });

  it('pauses while a promise to pay is in force and resumes the day after it is broken', () => {
    const promised = makeCase({
      invoices: [invoice('A', '2025-01-01', 100_000n)],
      promises: [{ id: 'P-1', madeOn: '2025-01-08', payBy: '2025-01-20', amountMinor: m(100_000n), currency: 'USD', invoiceIds: null, status: 'open' }],
    });
    const { timeline, days } = simulate(policy, promised, '2025-01-01', '2025-02-10');
    expect(timeline).toEqual([
      '2025-01-02 reminder-1[A]',
      // 01-11 reminder 2 falls due but the promise holds it until 01-20.
      '2025-01-21 reminder-2[A]', // promise broken: the ladder resumes, one step a day
      '2025-01-22 late-fee[A]',
      '2025-01-31 suspension[A]',
    ]);
    expect(days.find((d) => d.day === '2025-01-11')!.held[0]).toMatchObject({
      code: 'promise_in_force',
      reason: 'Promise to pay 1000.00 USD by 2025-01-20 (made 2025-01-08) is in force: escalation paused until 2025-01-20.',
    });
    // The fee is not paused: it accrued on all 21 days. 100 000 × 0.12 × 21 / 365 = 690.41 → 690.
    const { outbox } = simulate(policy, promised, '2025-01-01', '2025-01-22');
    expect(outbox.get('cust-1:late-fee:A:1')!.action.amountMinor).toBe(690n);
  });

  it('does not pause for a promise marked kept or broken, nor for one on another invoice', () => {
    const base = makeCase({ invoices: [invoice('A', '2025-01-01', 100_000n)] });
    for (const promise of [
      { status: 'broken' as const, invoiceIds: null },
      { status: 'open' as const, invoiceIds: ['Z'] },
    ]) {
      const withPromise = { ...base, promises: [{ id: 'P', madeOn: '2025-01-01', payBy: '2025-01-31', amountMinor: m(1n), currency: 'USD', ...promise }] };
      expect(proposeActions(policy, withPromise, '2025-01-05').map((a) => a.stepId)).toEqual(['reminder-1']);
    }
  });

  it('holds the agency hand-off below its threshold and for a currency it has no threshold for', () => {
    const small = makeCase({ invoices: [invoice('S', '2025-01-01', 40_000n), invoice('K', '2025-01-01', 100_000n, { currency: 'CHF' })] });
    const { timeline, days } = simulate(policy, small, '2025-01-01', '2025-04-05');
    expect(timeline.at(-1)).toBe('2025-01-31 suspension[S,K]');
    const held = days.find((d) => d.day === '2025-04-01')!.held;
    expect(held).toEqual([
      {
        stepId: 'agency-handoff',
        kind: 'agency_handoff',
        invoiceIds: ['S', 'K'],
        code: 'below_threshold',
        reason: '1000.00 CHF and 400.00 USD open at 90+ days past due is below what Hand-off to collection agency needs (no threshold for CHF, threshold 500.00 USD).',
      },
    ]);
  });

  it('holds a late fee that has not accrued yet (grace longer than the step)', () => {
    const graced = defaultPolicy({ lateFee: { kind: 'annual_rate_pro_rata', annualRate: { numerator: 12n, denominator: 100n }, dayCount: 365, graceDays: 20 } });
    const { timeline, days } = simulate(graced, makeCase({ invoices: [invoice('A', '2025-01-01', 100_000n)] }), '2025-01-01', '2025-01-25');
    expect(timeline).toEqual(['2025-01-02 reminder-1[A]', '2025-01-11 reminder-2[A]', '2025-01-22 late-fee[A]']);
    expect(days.find((d) => d.day === '2025-01-16')!.held[0]!.code).toBe('no_fee_accrued');
  });
});

describe('sequencing', () => {
  const late = makeCase({ invoices: [invoice('A', '2024-12-01', 100_000n)] }); // 45 days past due on 2025-01-15

  it('climbs one step per run when a case arrives already far overdue', () => {
    const { timeline } = simulate(defaultPolicy(), late, '2025-01-15', '2025-01-20');
    expect(timeline).toEqual([
      '2025-01-15 reminder-1[A]',
      '2025-01-16 reminder-2[A]',
      '2025-01-17 late-fee[A]',
      '2025-01-18 suspension[A]',
    ]);
  });

  it('proposes every due step at once with catch_up', () => {
    const { timeline } = simulate(defaultPolicy({ sequencing: 'catch_up' }), late, '2025-01-15', '2025-01-20');
    expect(timeline).toEqual(['2025-01-15 reminder-1[A] reminder-2[A] late-fee[A] suspension[A]']);
  });

  it('moves past a step staff skipped instead of proposing it again', () => {
    const { timeline, outbox } = simulate(defaultPolicy(), late, '2025-01-15', '2025-01-20', (stepId) => stepId === 'reminder-2');
    expect(timeline).toEqual(['2025-01-15 reminder-1[A]', '2025-01-16 reminder-2[A]', '2025-01-17 late-fee[A]', '2025-01-18 suspension[A]']);
    expect([...outbox.keys()]).not.toContain('cust-1:reminder-2:A:1');
  });
});

describe('idempotency', () => {
  const policy = defaultPolicy();
  const input = makeCase({ invoices: [invoice('A', '2025-01-01', 100_000n)] });

  it('gives the same keys for the same input, and nothing new once they are fed back as proposed', () => {
    const first = proposeActions(policy, input, '2025-01-02');
    expect(proposeActions(policy, input, '2025-01-02')).toEqual(first);
    const history = proposedRecords(first, []);
    expect(proposeActions(policy, { ...input, history }, '2025-01-02')).toEqual([]);
    expect(proposeActions(policy, { ...input, history }, '2025-01-03')).toEqual([]);
    expect(proposedRecords(first, history)).toEqual([]);
  });

  it('publishes an approval once however often it is submitted', () => {
    const proposals = proposeActions(policy, input, '2025-01-02');
    const approve = [{ idempotencyKey: proposals[0]!.idempotencyKey, outcome: 'approved' as const, decidedBy: 'u1', decidedOn: '2025-01-02' }];
    const once = applyDecisions(proposals, [...approve, ...approve], []);
    expect(once.outbox).toHaveLength(1);
    expect(applyDecisions(proposals, approve, once.records)).toEqual({ records: [], outbox: [] });
    expect(() => applyDecisions([], [{ ...approve[0]!, idempotencyKey: 'nope' }], [])).toThrowError(expect.objectContaining({ code: 'DECISION_UNKNOWN' }));
  });

  it('starts a new cycle of a case step only in a new overdue episode', () => {
    // A is suspended, then paid in full; months later C goes 30 days overdue: a second suspension.
    const episodes = makeCase({
      invoices: [
        invoice('A', '2025-01-01', 100_000n, { balanceChanges: [{ on: '2025-02-15', deltaMinor: m(-100_000n) }] }),
        invoice('C', '2025-05-01', 30_000n),
      ],
    });
    const { outbox } = simulate(policy, episodes, '2025-01-01', '2025-06-05');
    expect([...outbox.keys()].filter((key) => key.includes('suspension'))).toEqual(['cust-1:suspension:all:1', 'cust-1:suspension:all:2']);
    expect(outbox.get('cust-1:suspension:all:2')!.action).toMatchObject({ invoiceIds: ['C'], proposedOn: '2025-05-31' });
  });
});

describe('churn-risk branch', () => {
  it('proposes a personal call instead of a suspension for high-risk customers', () => {
    const policy = defaultPolicy({ branch: { when: { minRiskBand: 'high' }, replaceKind: 'personal_call', appliesTo: ['suspension', 'agency_handoff'] } });
    const risky = makeCase({ riskBand: 'high', invoices: [invoice('A', '2025-01-01', 100_000n)] });
    const { timeline, outbox } = simulate(policy, risky, '2025-01-01', '2025-02-05');
    expect(timeline.at(-1)).toBe('2025-01-31 suspension→personal_call[A]');
    expect(outbox.get('cust-1:suspension:all:1')!.action.reason).toMatch(/Churn risk is high: proposed as personal call instead\.$/);
    const { timeline: calm } = simulate(policy, { ...risky, riskBand: 'medium' }, '2025-01-01', '2025-02-05');
    expect(calm.at(-1)).toBe('2025-01-31 suspension[A]');
  });
});

describe('policy validation', () => {
  it('rejects duplicate step ids and a late fee step without a rule, naming the field', () => {
    const base = defaultPolicy();
    const input = makeCase();
    expect(() => proposeActions({ ...base, steps: [base.steps[0]!, base.steps[0]!] }, input, '2025-01-01')).toThrowError(
      expect.objectContaining({ code: 'BAD_POLICY', field: 'steps[1].id' }),
    );
    expect(() => proposeActions({ ...base, lateFee: null }, input, '2025-01-01')).toThrowError(expect.objectContaining({ code: 'BAD_POLICY', field: 'lateFee' }));
    expect(() => proposeActions(base, input, '2025-02-30')).toThrowError(expect.objectContaining({ code: 'BAD_DATE' }));
  });
});
