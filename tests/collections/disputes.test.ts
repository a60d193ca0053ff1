/**
 * Disputes honoured by the escalation run, day by day, against the receivables fixture warehouse
 * (Europe/Moscow; see ../receivables/fixture.ts) and a real workbench database, with the active
 * (default) policy: reminder 1 from day 1, reminder 2 from day 10, late fee from day 15 (12 % a
 * year / 365), one step per invoice per day.
 * Customer c_rub2's invoice B: RUB 5000 due 15 Jan 2026, credit note 1000 on 1 Feb (counts from 2 Feb).
 * B is disputed from 16 Jan (day 1) and resolved on 31 Jan; D and H fall due only in February/March.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCasePage } from '../../app/lib/server/collections/case-page.ts';
import { runCollections, type CollectionsRunDeps } from '../../app/lib/server/collections/daily-run.ts';
import { addDays } from '../../app/lib/server/escalation/dates.ts';
import { approveAction, CaseStateError, ensureCases, getCase, openDispute, resolveDispute, type Case } from '../../app/lib/server/workbench/index.ts';
import { openReceivablesFixture, type ReceivablesFixture } from '../receivables/fixture.ts';
import { createTestWorkbench, type TestWorkbench } from '../support/workbench-database.ts';

const TZ = 'Europe/Moscow';

describe('disputed invoices', () => {
  let fx: ReceivablesFixture;
  let t: TestWorkbench;
  let deps: CollectionsRunDeps;
  let c: Case;
  beforeAll(async () => {
    [fx, t] = await Promise.all([openReceivablesFixture(), createTestWorkbench()]);
    deps = { config: { timezone: TZ }, warehouse: fx.warehouse, workbench: t.workbench };
    c = (await ensureCases(t.workbench.db, [{ customerId: 'c_rub2' }], { actor: 'test' })).opened[0]!;
  });
  afterAll(async () => {
    await fx?.close();
    await t?.drop();
  });

  /** One run per day from `from` for `days` days; c_rub2's actions recorded each day as [day, step, invoice]. */
  async function runDays(from: string, days: number): Promise<string[][]> {
    const out: string[][] = [];
    for (let i = 0; i < days; i++) {
      const today = addDays(from, i);
      const before = new Set((await t.workbench.db.selectFrom('collection_actions').select('id').execute()).map((a) => a.id));
      await runCollections(deps, { today, log: () => {} });
      const created = await t.workbench.db.selectFrom('collection_actions').selectAll().where('case_id', '=', c.id).orderBy('id').execute();
      for (const a of created.filter((x) => !before.has(x.id))) out.push([today, a.step, a.invoice_id ?? 'all']);
    }
    return out;
  }

  it('holds a disputed invoice (no step, no late fee) while open and resumes after resolution', async () => {
    const db = t.workbench.db;
    const opened = await openDispute(db, c.id, { invoiceId: 'B', reason: 'Service was down for a week in January' }, { actor: 'anna@example.com', expectedVersion: c.version });
    expect(opened.case.version).toBe(c.version + 1);
    await expect(openDispute(db, c.id, { invoiceId: 'B', reason: 'again' }, { actor: 'anna@example.com', expectedVersion: opened.case.version })).rejects.toBeInstanceOf(CaseStateError);

    // 16–30 January: B is 1 to 15 days past due, every step held; nothing else of c_rub2 is overdue.
    expect(await runDays('2026-01-16', 15)).toEqual([]);
    const during = await loadCasePage(fx.warehouse, db, c.id, { timezone: TZ, today: '2026-01-30' });
    expect(during.invoices.map((i) => [i.invoiceId, i.ageDays, i.lateFee, i.dispute?.reason])).toEqual([['B', 15, null, 'Service was down for a week in January']]);
    expect(during.lateFeeTotals).toEqual([]);
    expect(during.held).toEqual([expect.objectContaining({ stepId: 'reminder-1', code: 'disputed', invoiceIds: ['B'] })]);
    expect(during.detail.actions).toEqual([]);

    // Resolved on 31 January: the ladder resumes one step a day from the bottom.
    const current = await getCase(db, c.id);
    await resolveDispute(db, c.id, opened.dispute.id, 'Outage credited separately; invoice stands', { actor: 'ben@example.com', expectedVersion: current.case.version });
    expect(await runDays('2026-01-31', 4)).toEqual([
      ['2026-01-31', 'reminder-1', 'B'],
      ['2026-02-01', 'reminder-2', 'B'],
      ['2026-02-02', 'late-fee', 'B'],
    ]);
    // The fee then counts every day past due, the disputed ones included (the invoice stood):
    // 5000 for 16 Jan–1 Feb (17 days) and 4000 on 2 Feb: (85000 + 4000) × 0.12 / 365 = 29.26 → 29.
    const fee = await db.selectFrom('collection_actions').select(['amount_minor', 'currency', 'policy_version']).where('step', '=', 'late-fee').where('case_id', '=', c.id).executeTakeFirstOrThrow();
    expect(fee).toEqual({ amount_minor: 29n, currency: 'RUB', policy_version: 1 });

    const history = (await getCase(db, c.id)).history.filter((h) => h.kind.startsWith('dispute'));
    expect(history.map((h) => [h.kind, h.actor, h.payload.invoiceId])).toEqual([
      ['dispute_opened', 'anna@example.com', 'B'],
      ['dispute_resolved', 'ben@example.com', 'B'],
    ]);
    expect(history[1]!.payload.resolution).toBe('Outage credited separately; invoice stands');
    const latest = await getCase(db, c.id);
    await expect(resolveDispute(db, c.id, opened.dispute.id, 'twice', { actor: 'ben@example.com', expectedVersion: latest.case.version })).rejects.toThrow(/already resolved by ben@example.com/);
  });

  it('refuses to approve a proposal naming an invoice disputed after it was proposed', async () => {
    const db = t.workbench.db;
    const reminder = await db.selectFrom('collection_actions').selectAll().where('case_id', '=', c.id).where('step', '=', 'reminder-1').executeTakeFirstOrThrow();
    const before = await getCase(db, c.id);
    const { dispute } = await openDispute(db, c.id, { invoiceId: 'B', reason: 'Second complaint' }, { actor: 'anna@example.com', expectedVersion: before.case.version });
    await expect(approveAction(db, reminder.id, 'anna@example.com')).rejects.toMatchObject({ code: 'ACTION_STATE_INVALID', message: expect.stringMatching(/names invoice B, which is disputed/) });
    expect((await db.selectFrom('outbox').select('id').execute())).toEqual([]);
    const now = await getCase(db, c.id);
    await resolveDispute(db, c.id, dispute.id, 'Withdrawn', { actor: 'anna@example.com', expectedVersion: now.case.version });
    expect((await approveAction(db, reminder.id, 'anna@example.com')).action.status).toBe('approved');
  });

  it('refuses a dispute on a stale case version, writing nothing', async () => {
    const db = t.workbench.db;
    const stale = (await getCase(db, c.id)).case.version - 1;
    await expect(openDispute(db, c.id, { invoiceId: 'D', reason: 'wrong amount' }, { actor: 'anna@example.com', expectedVersion: stale })).rejects.toMatchObject({ code: 'CASE_CONFLICT' });
    expect(await db.selectFrom('invoice_disputes').select('invoice_id').where('invoice_id', '=', 'D').execute()).toEqual([]);
  });
});
