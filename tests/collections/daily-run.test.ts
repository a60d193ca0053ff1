/**
 * The daily collections run against a real warehouse (the receivables fixture, synced; Europe/Moscow)
 * and a real workbench database, as of 2026-03-31 (see ../receivables/fixture.ts): queue customers
 * c_usd, c_rub2, c_rub1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCollections, type CollectionsRunDeps } from '../../app/lib/server/collections/daily-run.ts';
import { collectionsQueue } from '../../app/lib/server/receivables/aging.ts';
import { ensureCases, recordPromise } from '../../app/lib/server/workbench/index.ts';
import { openReceivablesFixture, type ReceivablesFixture } from '../receivables/fixture.ts';
import { createTestWorkbench, type TestWorkbench } from '../support/workbench-database.ts';

const AS_OF = '2026-03-31';
const TZ = 'Europe/Moscow';

describe('runCollections', () => {
  let fx: ReceivablesFixture;
  let t: TestWorkbench;
  let deps: CollectionsRunDeps;
  beforeAll(async () => {
    [fx, t] = await Promise.all([openReceivablesFixture(), createTestWorkbench()]);
    deps = { config: { timezone: TZ }, warehouse: fx.warehouse, workbench: t.workbench };
  });
  afterAll(async () => {
    await fx?.close();
    await t?.drop();
  });

  it('opens cases for the queue, judges promises, records proposals once', async () => {
    const db = t.workbench.db;
    const { opened } = await ensureCases(db, [{ customerId: 'c_rub1' }, { customerId: 'c_rub2' }], { actor: 'test' });
    const caseOf = (customerId: string) => opened.find((c) => c.customer_id === customerId)!;
    // c_rub1 promised 1000 by 12 March, made 8 March: pF (1500, 500 of it refunded) nets exactly 1000 on 10 March → kept.
    const keptPromise = await recordPromise(db, caseOf('c_rub1').id, { amountMinor: 1000n, currency: 'RUB', promisedDate: '2026-03-12', promisedAt: new Date('2026-03-08T09:00:00Z') }, { actor: 'test', expectedVersion: caseOf('c_rub1').version });
    // c_rub2 promised 500 by 20 March, made 10 March: its only payment (pH) arrived on 1 April Moscow → broken.
    const brokenPromise = await recordPromise(db, caseOf('c_rub2').id, { amountMinor: 500n, currency: 'RUB', promisedDate: '2026-03-20', promisedAt: new Date('2026-03-10T09:00:00Z') }, { actor: 'test', expectedVersion: caseOf('c_rub2').version });

    const logged: Record<string, unknown>[] = [];
    const first = await runCollections(deps, { today: AS_OF, log: (e) => logged.push(e) });
    expect(first).toMatchObject({ cases_opened: 1, promises_kept: 1, promises_broken: 1 });
    expect(first.proposals_recorded).toBeGreaterThan(0);
    expect(logged).toEqual([expect.objectContaining({ event: 'collections.run', today: AS_OF, ...first })]);

    const promises = await db.selectFrom('promises_to_pay').select(['id', 'status']).orderBy('id').execute();
    expect(promises).toEqual([{ id: keptPromise.promise.id, status: 'kept' }, { id: brokenPromise.promise.id, status: 'broken' }]);
    const events = await db.selectFrom('case_events').select(['kind', 'actor']).where('kind', 'in', ['promise_kept', 'promise_broken']).orderBy('id').execute();
    expect(events.map((e) => e.kind).sort()).toEqual(['promise_broken', 'promise_kept']);

    // Every queue customer has an open case.
    const queue = await collectionsQueue(fx.warehouse, AS_OF, { limit: 500, offset: 0 });
    const cases = await db.selectFrom('cases').select(['customer_id']).where('status', '=', 'open').execute();
    expect(new Set(cases.map((c) => c.customer_id))).toEqual(new Set(queue.map((q) => q.customerId)));
    expect(cases).toHaveLength(3);

    // The same proposals as the case page would record: reminder 1 per overdue invoice of c_rub2.
    const actions = await db.selectFrom('collection_actions').select(['id', 'case_id', 'step', 'invoice_id', 'status']).orderBy('id').execute();
    expect(actions).toHaveLength(first.proposals_recorded);
    expect(actions.filter((a) => a.case_id === caseOf('c_rub2').id).map((a) => [a.step, a.invoice_id])).toEqual(
      expect.arrayContaining([['reminder-1', 'B'], ['reminder-1', 'D'], ['reminder-1', 'H']]),
    );

    // Running again the same day changes nothing.
    const second = await runCollections(deps, { today: AS_OF, log: () => {} });
    expect(second).toEqual({ cases_opened: 0, promises_kept: 0, promises_broken: 0, proposals_recorded: 0, policy_version: 1 });
    expect(await db.selectFrom('collection_actions').select('id').orderBy('id').execute()).toEqual(actions.map((a) => ({ id: a.id })));
  });
});
