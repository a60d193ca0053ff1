/**
 * The collections queue's filters applied in the warehouse query over ALL overdue customers (not a
 * top slice), paged, and saved views per collector, against the receivables fixture warehouse
 * (as of 2026-03-31: c_rub2 smb RUB 75 dpd rank 1, c_usd enterprise USD 167 dpd rank 2,
 * c_rub1 consumer RUB 21 dpd rank 3; see ../receivables/queue.test.ts) and a real workbench.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_QUEUE_FILTER, queueFilterFromTree, queueFilterToTree, type QueueFilter } from '../../app/lib/collections/queue-filter.ts';
import { loadQueuePage } from '../../app/lib/server/collections/queue.ts';
import { DEMO_STAFF, ensureStaff } from '../../app/lib/server/collections/staff.ts';
import { assignCase, deleteView, ensureCases, listViews, openDispute, saveView, type Staff } from '../../app/lib/server/workbench/index.ts';
import { openReceivablesFixture, type ReceivablesFixture } from '../receivables/fixture.ts';
import { createTestWorkbench, type TestWorkbench } from '../support/workbench-database.ts';

const AS_OF = '2026-03-31';

describe('queue filters over all cases, and saved views', () => {
  let fx: ReceivablesFixture;
  let t: TestWorkbench;
  let staff: Staff[];
  beforeAll(async () => {
    [fx, t] = await Promise.all([openReceivablesFixture(), createTestWorkbench()]);
    staff = await ensureStaff(t.workbench.db);
  });
  afterAll(async () => {
    await fx?.close();
    await t?.drop();
  });

  const queue = (filter: Partial<QueueFilter>, page = 1, pageSize = 50) =>
    loadQueuePage(fx.warehouse, t.workbench.db, { asOf: AS_OF, filter: { ...NO_QUEUE_FILTER, ...filter }, page, pageSize, me: staff[0]!, staff });
  const ids = (p: Awaited<ReturnType<typeof queue>>) => p.rows.map((r) => [r.customerId, r.rank]);

  it('filters in the query and pages the matches, keeping each row its unfiltered rank', async () => {
    // Pages of one: each page is the next customer in priority order; the count covers all matches.
    const pages = await Promise.all([1, 2, 3, 4].map((n) => queue({}, n, 1)));
    expect(pages.map(ids)).toEqual([[['c_rub2', 1]], [['c_usd', 2]], [['c_rub1', 3]], []]);
    expect(pages[0]).toMatchObject({ matched: 3, page: 1, pages: 3 });
    // A filter that drops rank 1 still finds ranks 2 and 3, page by page.
    const rub = await Promise.all([1, 2].map((n) => queue({ currency: 'RUB' }, n, 1)));
    expect(rub.map(ids)).toEqual([[['c_rub2', 1]], [['c_rub1', 3]]]);
    expect(rub[1]).toMatchObject({ matched: 2, pages: 2 });
    const oldDebt = await queue({ minDaysPastDue: 70 }, 2, 1);
    expect(ids(oldDebt)).toEqual([['c_usd', 2]]);
    expect(oldDebt.matched).toBe(2);
    expect(ids(await queue({ segment: 'consumer' }))).toEqual([['c_rub1', 3]]);
    expect(ids(await queue({ segment: 'consumer', minDaysPastDue: 22 }))).toEqual([]);
    const all = await queue({});
    expect(all.segments).toEqual(['consumer', 'enterprise', 'smb']);
    expect(all.currencies).toEqual(['RUB', 'USD']);
  });

  it('filters by workbench state (assigned, open dispute) in the same query', async () => {
    const db = t.workbench.db;
    const { opened } = await ensureCases(db, [{ customerId: 'c_usd' }, { customerId: 'c_rub1' }], { actor: 'test' });
    const usd = opened.find((c) => c.customer_id === 'c_usd')!;
    const rub1 = opened.find((c) => c.customer_id === 'c_rub1')!;
    await assignCase(db, usd.id, staff[0]!.id, { actor: 'test', expectedVersion: usd.version });
    await openDispute(db, rub1.id, { invoiceId: 'A', reason: 'Amount disputed' }, { actor: 'test', expectedVersion: rub1.version });

    expect(ids(await queue({ assignee: 'me' }))).toEqual([['c_usd', 2]]);
    // Unassigned includes customers without a case yet (c_rub2).
    expect(ids(await queue({ assignee: 'unassigned' }))).toEqual([['c_rub2', 1], ['c_rub1', 3]]);
    expect(ids(await queue({ disputed: true }))).toEqual([['c_rub1', 3]]);
    expect(ids(await queue({ disputed: true, assignee: 'me' }))).toEqual([]);
    const page2 = await queue({ assignee: 'unassigned' }, 2, 1);
    expect(ids(page2)).toEqual([['c_rub1', 3]]);
    expect(page2.rows[0]).toMatchObject({ caseId: rub1.id, caseStatus: 'open', assignedTo: null });
  });

  it('saves views per collector and applies them as the same filter', async () => {
    const db = t.workbench.db;
    const anna = DEMO_STAFF[0].email;
    const filter: QueueFilter = { ...NO_QUEUE_FILTER, currency: 'RUB', assignee: 'unassigned', minDaysPastDue: 20 };
    await saveView(db, { owner: anna, name: 'Unassigned roubles', filters: queueFilterToTree(filter) });
    await saveView(db, { owner: DEMO_STAFF[1].email, name: 'Ben only', filters: queueFilterToTree({ ...NO_QUEUE_FILTER, segment: 'smb' }) });
    const views = await listViews(db, anna);
    expect(views.map((v) => v.name)).toEqual(['Unassigned roubles']);
    const loaded = queueFilterFromTree(views[0]!.filters);
    expect(loaded).toEqual(filter);
    expect(ids(await queue(loaded))).toEqual([['c_rub2', 1], ['c_rub1', 3]]);
    // A view someone stored in an older shape is refused with a reason, not applied half-way.
    await saveView(db, { owner: anna, name: 'Old', filters: { and: [{ field: 'daysOverdue', op: 'gt', value: 90 }] } });
    const old = (await listViews(db, anna)).find((v) => v.name === 'Old')!;
    expect(() => queueFilterFromTree(old.filters)).toThrowError(/not a queue filter this version knows/);
    expect(await deleteView(db, views[0]!.id, DEMO_STAFF[1].email)).toBe(false);
    expect(await deleteView(db, views[0]!.id, anna)).toBe(true);
    expect((await listViews(db, anna)).map((v) => v.name)).toEqual(['Old']);
  });
});
