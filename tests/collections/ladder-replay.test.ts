/**
 * The policy replay over the ladder fixture (./ladder-fixture.ts) in a real warehouse and workbench:
 * it takes the steps the escalation engine proposes when called day by day on the case page's own
 * inputs, keeps them out of collection_actions and the outbox, and is idempotent per run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerOpenInvoices, escalationInvoices, findCustomer } from '../../app/lib/server/collections/case-page.ts';
import { addDays, daysBetween } from '../../app/lib/server/escalation/dates.ts';
import { defaultPolicy, planEscalation, type StepRecord } from '../../app/lib/server/escalation/index.ts';
import { ladderReport } from '../../app/lib/server/ladder/analytics.ts';
import { LadderInputError, ReplayBusyError } from '../../app/lib/server/ladder/errors.ts';
import { loadReplayCustomers } from '../../app/lib/server/ladder/replay-data.ts';
import { replayCustomer } from '../../app/lib/server/ladder/replay.ts';
import { executeReplay, replayWarmUpDays, startReplay } from '../../app/lib/server/ladder/replay-run.ts';
import { getReplayRun, listReplaySteps } from '../../app/lib/server/ladder/replay-store.ts';
import { openWarehouse } from '../../pipelines/warehouse/connection.ts';
import { openReceivablesFixture, type ReceivablesFixture } from '../receivables/fixture.ts';
import { createTestWorkbench, type TestWorkbench } from '../support/workbench-database.ts';
import { LADDER_BILLING_SQL } from './ladder-fixture.ts';

const TZ = 'Europe/Moscow';
const FROM = '2026-01-01';
const TO = '2026-03-15';
const TODAY = '2026-06-30';

interface Step { on: string; customerId: string; stepId: string; invoiceIds: readonly string[]; cycle: number }

const order = (a: Step, b: Step) => a.on.localeCompare(b.on) || a.customerId.localeCompare(b.customerId) || `${a.stepId}:${a.invoiceIds}`.localeCompare(`${b.stepId}:${b.invoiceIds}`);

describe('policy replay', () => {
  let fx: ReceivablesFixture;
  let t: TestWorkbench;
  beforeAll(async () => {
    [fx, t] = await Promise.all([openReceivablesFixture(LADDER_BILLING_SQL), createTestWorkbench()]);
  });
  afterAll(async () => {
    await fx?.close();
    await t?.drop();
  });

  it('takes the steps the engine proposes day by day on the case page inputs', async () => {
    const policy = defaultPolicy();
    const warmUpFrom = addDays(FROM, -replayWarmUpDays(policy));
    // The engine called directly, every day, for every customer, on what the case page would load
    // as of that day; each proposal taken that day.
    const expected: Step[] = [];
    for (const customerId of ['c1', 'c2', 'c3']) {
      const segment = (await findCustomer(fx.warehouse, customerId))!.segment;
      const history: StepRecord[] = [];
      for (let i = 0; i <= daysBetween(warmUpFrom, TO); i++) {
        const day = addDays(warmUpFrom, i);
        const invoices = await escalationInvoices(fx.warehouse, await customerOpenInvoices(fx.warehouse, customerId, day));
        const plan = planEscalation(policy, { caseId: customerId, customerId, segment, riskBand: null, invoices, promises: [], history }, day);
        for (const p of plan.proposals) {
          history.push({ idempotencyKey: p.idempotencyKey, stepId: p.stepId, kind: p.stepKind, invoiceIds: p.invoiceIds, cycle: p.cycle, on: day, status: 'approved' });
          expected.push({ on: day, customerId, stepId: p.stepId, invoiceIds: p.invoiceIds, cycle: p.cycle });
        }
      }
    }
    expect(expected.length).toBeGreaterThan(10);
    expect(new Set(expected.map((s) => s.stepId))).toEqual(new Set(['reminder-1', 'reminder-2', 'late-fee', 'suspension']));

    const window = { from: warmUpFrom, to: TO };
    const customers = await loadReplayCustomers(fx.warehouse, window);
    for (const everyDay of [false, true]) {
      const replayed = customers.flatMap((c) => replayCustomer(policy, c, window, { everyDay }))
        .map((s): Step => ({ on: s.takenOn, customerId: s.customerId, stepId: s.stepId, invoiceIds: s.invoiceIds, cycle: s.cycle }));
      expect(replayed.sort(order)).toEqual([...expected].sort(order));
    }
  });

  it('stores a run apart from collection actions and the outbox, idempotently', async () => {
    const db = t.workbench.db;
    const deps = { warehouse: fx.warehouse, workbench: t.workbench };
    const progress: number[] = [];
    const started = await startReplay(deps, { from: FROM, to: TO, requestedBy: 'test' }, TODAY, (p) => progress.push(p.customersDone));
    expect(started.run).toMatchObject({ status: 'running', from_date: FROM, to_date: TO, warm_up_from: addDays(FROM, -95) });
    // One replay at a time.
    await expect(startReplay(deps, { from: FROM, to: TO, requestedBy: 'test' }, TODAY)).rejects.toBeInstanceOf(ReplayBusyError);
    const run = await started.done;
    expect(run).toMatchObject({ status: 'succeeded', customers_total: 3, customers_done: 3, error: null });
    expect(progress.at(-1)).toBe(3);
    const steps = await listReplaySteps(db, run.id);
    expect(run.steps).toBe(steps.length);
    expect(steps.length).toBeGreaterThan(10);
    expect(steps.every((s) => s.taken_on >= run.warm_up_from && s.taken_on <= TO)).toBe(true);
    // A late fee carries its amount.
    expect(steps.filter((s) => s.step_id === 'late-fee').every((s) => s.amount_minor! > 0n && s.currency !== null)).toBe(true);

    // Nothing reached the actions, the outbox or the case history.
    for (const table of ['collection_actions', 'outbox', 'case_events', 'cases'] as const) {
      expect(await db.selectFrom(table).select('id').execute()).toEqual([]);
    }

    // Running the same run again writes no step twice.
    const again = await executeReplay(deps, await getReplayRun(db, run.id), defaultPolicy());
    expect(again.steps).toBe(run.steps);
    expect(await listReplaySteps(db, run.id)).toEqual(steps);

    // Its analytics: the replay's steps judged like recorded ones.
    const report = await ladderReport({ connect: () => openWarehouse(fx.warehouseFile), workbench: db, timezone: TZ }, defaultPolicy(),
      { source: 'replay', runId: run.id, from: FROM, to: TO, observedUntil: TODAY });
    const inPeriod = steps.filter((s) => s.taken_on >= FROM);
    expect(report.funnel.reduce((n, r) => n + r.stepsTaken, 0)).toBe(inPeriod.length);
  });

  it('refuses a window it cannot replay', async () => {
    const deps = { warehouse: fx.warehouse, workbench: t.workbench };
    const attempt = (from: string, to: string) => startReplay(deps, { from, to, requestedBy: 'test' }, TODAY);
    await expect(attempt('2026-02-30', TO)).rejects.toMatchObject({ code: 'BAD_FROM', status: 400 });
    await expect(attempt(FROM, '2026-07-01')).rejects.toMatchObject({ code: 'BAD_TO', message: expect.stringContaining('after today') });
    await expect(attempt(TO, FROM)).rejects.toBeInstanceOf(LadderInputError);
    await expect(attempt('2023-01-01', TO)).rejects.toMatchObject({ code: 'BAD_RANGE' });
  });
});
