/**
 * Ladder analytics over a hand-made timeline (./ladder-fixture.ts): the steps staff approved in a
 * real workbench, the debt's fate in a real warehouse. Every expected figure is worked out by hand
 * in the comments.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../app/lib/server/escalation/index.ts';
import { ladderDefinitions, ladderReport, ladderStepOutcomes, type LadderDeps } from '../../app/lib/server/ladder/analytics.ts';
import type { LadderQuery } from '../../app/lib/server/ladder/types.ts';
import { approveAction, ensureCases, recordProposals, skipAction } from '../../app/lib/server/workbench/index.ts';
import { openWarehouse } from '../../pipelines/warehouse/connection.ts';
import { openReceivablesFixture, type ReceivablesFixture } from '../receivables/fixture.ts';
import { createTestWorkbench, type TestWorkbench } from '../support/workbench-database.ts';
import { LADDER_BILLING_SQL, TAKEN_STEPS } from './ladder-fixture.ts';

const TZ = 'Europe/Moscow';
const QUERY: LadderQuery = { source: 'recorded', runId: null, from: '2025-12-01', to: '2026-06-30', observedUntil: '2026-06-30' };

describe('ladder analytics over recorded actions', () => {
  let fx: ReceivablesFixture;
  let t: TestWorkbench;
  let deps: LadderDeps;
  beforeAll(async () => {
    [fx, t] = await Promise.all([openReceivablesFixture(LADDER_BILLING_SQL), createTestWorkbench()]);
    const db = t.workbench.db;
    deps = { connect: () => openWarehouse(fx.warehouseFile), workbench: db, timezone: TZ };
    const { opened } = await ensureCases(db, ['c1', 'c2', 'c3'].map((customerId) => ({ customerId })), { actor: 'test' });
    const caseOf = new Map(opened.map((c) => [c.customer_id, c.id]));
    const key = (customerId: string, step: string, invoiceIds: readonly string[]) => `${customerId}:${step}:${invoiceIds.length === 1 ? invoiceIds[0] : 'all'}:1`;
    const proposals = [
      ...TAKEN_STEPS,
      // Not steps taken: a skipped reminder 2 for K1 and a proposal nobody decided.
      { customerId: 'c3', step: 'reminder-2', kind: 'reminder', invoiceIds: ['K1'], approvedAt: '' },
      { customerId: 'c1', step: 'late-fee', kind: 'late_fee', invoiceIds: ['I1'], approvedAt: '' },
    ].map((s) => ({
      caseId: caseOf.get(s.customerId)!, invoiceId: s.invoiceIds.length === 1 ? s.invoiceIds[0] : null, step: s.step, kind: s.kind,
      idempotencyKey: key(s.customerId, s.step, s.invoiceIds), details: { invoiceIds: [...s.invoiceIds], cycle: 1, stepKind: s.kind },
    }));
    const actions = await recordProposals(db, proposals);
    const byKey = new Map(actions.map((a) => [a.idempotency_key, a.id]));
    for (const s of TAKEN_STEPS) {
      const id = byKey.get(key(s.customerId, s.step, s.invoiceIds))!;
      await approveAction(db, id, 'collector@example.com');
      // Approved "back then": the test dates the approval (the app stamps now()).
      await db.updateTable('collection_actions').set({ decided_at: s.approvedAt }).where('id', '=', id).execute();
    }
    await skipAction(db, byKey.get(key('c3', 'reminder-2', ['K1']))!, 'collector@example.com');
  });
  afterAll(async () => {
    await fx?.close();
    await t?.drop();
  });

  it('judges each step: cured, written off, moved on or still open, with days to cure', async () => {
    const rows = await ladderStepOutcomes(deps, defaultPolicy(), QUERY);
    const brief = rows.map((r) => [r.customerId, r.stepId, r.currency, r.takenOn, r.amountMinor, r.outcome, r.curedOn, r.daysToCure]);
    expect(brief).toEqual([
      ['c2', 'reminder-1', 'RUB', '2025-12-02', 100000n, 'moved_on', null, null],
      ['c2', 'reminder-2', 'RUB', '2025-12-11', 100000n, 'moved_on', null, null],
      ['c2', 'late-fee', 'RUB', '2025-12-16', 100000n, 'moved_on', null, null],
      ['c2', 'suspension', 'RUB', '2025-12-31', 100000n, 'moved_on', null, null],
      // I1 and I3 move on to reminder 2; I2's 10 left of 5000 is within 1 %: cured on 15 Jan, 4 days.
      ['c1', 'reminder-1', 'RUB', '2026-01-11', 10000n, 'moved_on', null, null],
      ['c1', 'reminder-1', 'RUB', '2026-01-11', 5000n, 'cured', '2026-01-15', 4],
      ['c1', 'reminder-1', 'RUB', '2026-01-11', 3000n, 'moved_on', null, null],
      // I1 paid in full on 25 Jan: reminder 2 cured it in 5 days.
      ['c1', 'reminder-2', 'RUB', '2026-01-20', 10000n, 'cured', '2026-01-25', 5],
      ['c1', 'reminder-2', 'RUB', '2026-01-20', 3000n, 'moved_on', null, null],
      ['c1', 'late-fee', 'RUB', '2026-01-25', 3000n, 'moved_on', null, null],
      // The skipped reminder 2 is no step: K1's reminder 1 cured it (paid 5 Feb, 3 days).
      ['c3', 'reminder-1', 'USD', '2026-02-02', 700n, 'cured', '2026-02-05', 3],
      // I3: 2000 of 3000 paid, 1000 left on 30 June.
      ['c1', 'suspension', 'RUB', '2026-02-10', 3000n, 'still_open', null, null],
      // J1: 40002 paid, the rest written off on 1 May: closed, but not collected.
      ['c2', 'agency-handoff', 'RUB', '2026-03-01', 100000n, 'written_off', null, null],
    ].sort((a, b) => String(a[3]).localeCompare(String(b[3]))));
  });

  it('adds them up per step and currency', async () => {
    const report = await ladderReport(deps, defaultPolicy(), QUERY);
    expect(report.stepsRecorded).toBe(TAKEN_STEPS.length);
    expect(report.currencies).toEqual(['RUB', 'USD']);
    const funnel = report.funnel.map((r) => ({
      step: r.stepId, currency: r.currency, taken: r.stepsTaken, cases: r.casesReached, reached: r.amountReached,
      cured: [r.curedSteps, r.curedMinor], writtenOff: [r.writtenOffSteps, r.writtenOffMinor], movedOn: [r.movedOnSteps, r.movedOnMinor],
      open: [r.stillOpenSteps, r.stillOpenMinor], median: r.medianDaysToCure,
    }));
    expect(funnel).toEqual([
      { step: 'reminder-1', currency: 'RUB', taken: 4, cases: 2, reached: 118000n, cured: [1, 5000n], writtenOff: [0, 0n], movedOn: [3, 113000n], open: [0, 0n], median: 4 },
      { step: 'reminder-2', currency: 'RUB', taken: 3, cases: 2, reached: 113000n, cured: [1, 10000n], writtenOff: [0, 0n], movedOn: [2, 103000n], open: [0, 0n], median: 5 },
      { step: 'late-fee', currency: 'RUB', taken: 2, cases: 2, reached: 103000n, cured: [0, 0n], writtenOff: [0, 0n], movedOn: [2, 103000n], open: [0, 0n], median: null },
      { step: 'suspension', currency: 'RUB', taken: 2, cases: 2, reached: 103000n, cured: [0, 0n], writtenOff: [0, 0n], movedOn: [1, 100000n], open: [1, 3000n], median: null },
      { step: 'agency-handoff', currency: 'RUB', taken: 1, cases: 1, reached: 100000n, cured: [0, 0n], writtenOff: [1, 100000n], movedOn: [0, 0n], open: [0, 0n], median: null },
      { step: 'reminder-1', currency: 'USD', taken: 1, cases: 1, reached: 700n, cured: [1, 700n], writtenOff: [0, 0n], movedOn: [0, 0n], open: [0, 0n], median: 3 },
    ]);
    expect(report.funnel[0]!.label).toBe('Reminder 1');
    expect(report.funnel[0]!.cureRate).toBeCloseTo(5000 / 118000, 12);

    // Recovery after suspension (RUB 3000 on I3 from 10 Feb, 100000 on J1 from 31 Dec):
    //  30 d: I3 1000 (20 Feb); J1 nothing                     → 1000
    //  60 d: I3 2000 (to 11 Apr);  J1 nothing (to 1 Mar)       → 2000
    //  90 d: I3 2000; J1 40002 on 31 Mar 23:00 Moscow, the 90th day → 42002
    expect(report.suspension.map((r) => [r.currency, r.horizonDays, r.suspensions, r.amountSuspended, r.observed, r.observedMinor, r.recoveredMinor])).toEqual([
      ['RUB', 30, 2, 103000n, 2, 103000n, 1000n],
      ['RUB', 60, 2, 103000n, 2, 103000n, 2000n],
      ['RUB', 90, 2, 103000n, 2, 103000n, 42002n],
    ]);
    expect(report.suspension[2]!.recoveryRate).toBeCloseTo(42002 / 103000, 12);

    // Agency: 100000 placed, 40002 recovered (the write-off is not), fee 25 % = 10000.5 → 10001 (half up), net 30001.
    expect(report.agency).toEqual([{ currency: 'RUB', placed: 1, placedMinor: 100000n, recoveredMinor: 40002n, feeMinor: 10001n, netMinor: 30001n, recoveryRate: 0.40002 }]);
    expect(report.agencyFeeRate).toBe('0.25');
  });

  it('judges on what was known at the end of the observation day and filters steps by the day taken', async () => {
    // On 31 March the write-off had not happened: the hand-off is still open; the 90-day window of
    // J1's suspension ended that very day, so it counts; 60 days after I3's suspension (11 Apr) has not passed.
    const early = await ladderReport(deps, defaultPolicy(), { ...QUERY, observedUntil: '2026-03-31' });
    expect(early.funnel.find((r) => r.stepId === 'agency-handoff')).toMatchObject({ stillOpenSteps: 1, writtenOffSteps: 0 });
    expect(early.suspension.map((r) => [r.horizonDays, r.observed, r.recoveredMinor])).toEqual([[30, 2, 1000n], [60, 1, 0n], [90, 1, 40002n]]);
    expect(early.agency[0]).toMatchObject({ recoveredMinor: 40002n, feeMinor: 10001n });

    // Only January's steps; they still see the later steps they moved on to.
    const january = await ladderReport(deps, defaultPolicy(), { ...QUERY, from: '2026-01-01', to: '2026-01-31' });
    expect(january.funnel.map((r) => [r.stepId, r.stepsTaken, r.curedSteps, r.movedOnSteps])).toEqual([
      ['reminder-1', 3, 1, 2], ['reminder-2', 2, 1, 1], ['late-fee', 1, 0, 1],
    ]);
    expect(january.agency).toEqual([]);
  });

  it('writes a readable definition for every figure it shows', () => {
    const d = ladderDefinitions();
    expect(d.outcomes.metrics.map((m) => m.name)).toEqual(['amount_minor', 'cured', 'written_off', 'moved_on', 'still_open', 'days_to_cure']);
    expect(d.funnel.metrics.map((m) => m.name)).toContain('median_days_to_cure');
    expect(d.agency.metrics.find((m) => m.name === 'fee_minor')?.text).toMatch(/rounded half up/);
    expect(d.suspension.metrics.map((m) => m.name)).toContain('recovery_rate');
  });
});
