import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkbench, type TestWorkbench } from '../../../../tests/support/workbench-database.ts';
import { approveAction, recordProposals, skipAction, type ActionProposal } from './actions.ts';
import { ensureCases, getCase } from './cases.ts';
import { ActionStateError, CaseConflictError, WorkbenchInputError } from './errors.ts';
import { addNote } from './notes.ts';
import type { Case } from './schema.ts';

describe('collection actions and the outbox', () => {
  let t: TestWorkbench;
  let c: Case;
  beforeAll(async () => {
    t = await createTestWorkbench();
    ({ opened: [c!] } = await ensureCases(t.workbench.db, [{ customerId: 'cus_a' }], { actor: 'system:queue' }));
  });
  afterAll(async () => {
    await t?.drop();
  });

  const proposal = (step: string, extra: Partial<ActionProposal> = {}): ActionProposal => ({
    caseId: c.id, invoiceId: 'inv_7', step, kind: step === 'fee' ? 'late_fee' : 'reminder_email', idempotencyKey: `cus_a:${step}:inv_7:1`, ...extra,
  });
  const count = async (table: 'outbox' | 'collection_actions') => Number((await t.workbench.db.selectFrom(table).select((eb) => eb.fn.countAll<bigint>().as('n')).executeTakeFirstOrThrow()).n);

  it('records proposals idempotently, by idempotency key', async () => {
    const db = t.workbench.db;
    const first = await recordProposals(db, [proposal('remind'), proposal('fee', { amountMinor: 1_250n, currency: 'RUB', details: { reason: '30 days overdue', cycle: 1, invoiceIds: ['inv_7'] } })]);
    expect(first.map((a) => [a.step, a.status, a.amount_minor, a.currency])).toEqual([['remind', 'proposed', null, null], ['fee', 'proposed', 1_250n, 'RUB']]);
    expect(first[1]!.details).toEqual({ reason: '30 days overdue', cycle: 1, invoiceIds: ['inv_7'] });
    const again = await recordProposals(db, [proposal('remind'), proposal('fee', { amountMinor: 1_250n, currency: 'RUB' }), proposal('call')]);
    expect(again.map((a) => a.step)).toEqual(['call']);
    expect(await count('collection_actions')).toBe(3);
    const detail = await getCase(db, c.id);
    expect(detail.history.filter((e) => e.kind === 'action_proposed').map((e) => e.payload.step)).toEqual(['remind', 'fee', 'call']);
    expect(detail.case.version).toBe(1); // proposals are the engine's, not a collector's change
    await expect(recordProposals(db, [proposal('x', { amountMinor: 5n })])).rejects.toBeInstanceOf(WorkbenchInputError);
    await expect(recordProposals(db, [proposal('y', { caseId: 987_654n })])).rejects.toThrow(/case that does not exist/);
  });

  it('writes the outbox row exactly once, however often approve is called', async () => {
    const db = t.workbench.db;
    const [fee] = await db.selectFrom('collection_actions').select('id').where('step', '=', 'fee').execute();
    const first = await approveAction(db, fee!.id, 'lead@example.com', 1);
    expect([first.repeated, first.action.status, first.action.decided_by, first.case.version]).toEqual([false, 'approved', 'lead@example.com', 2]);
    expect(first.outbox!.payload).toMatchObject({
      actionId: String(fee!.id), caseId: String(c.id), customerId: 'cus_a', invoiceId: 'inv_7', step: 'fee', kind: 'late_fee',
      amountMinor: '1250', currency: 'RUB', idempotencyKey: 'cus_a:fee:inv_7:1', approvedBy: 'lead@example.com', details: { reason: '30 days overdue', cycle: 1, invoiceIds: ['inv_7'] },
    });
    expect(first.outbox!.published_at).toBeNull();
    const second = await approveAction(db, fee!.id, 'other@example.com', 1);
    expect([second.repeated, second.outbox!.id, second.action.decided_by, second.case.version]).toEqual([true, first.outbox!.id, 'lead@example.com', 2]);
    expect(await count('outbox')).toBe(1);
    await expect(skipAction(db, fee!.id, 'lead@example.com')).rejects.toBeInstanceOf(ActionStateError);

    // Two approvers at the same moment, on two connections: one outbox row, one 'action_approved' event.
    const [remind] = await db.selectFrom('collection_actions').select('id').where('step', '=', 'remind').execute();
    const other = await t.session();
    const both = await Promise.all([approveAction(db, remind!.id, 'anna@example.com'), approveAction(other.db, remind!.id, 'boris@example.com')]);
    expect(both.map((d) => d.repeated).sort()).toEqual([false, true]);
    expect(both[0].outbox!.id).toBe(both[1].outbox!.id);
    expect(await count('outbox')).toBe(2);
    const approvals = (await getCase(db, c.id)).history.filter((e) => e.kind === 'action_approved');
    expect(approvals.map((e) => e.payload.actionId)).toEqual([String(fee!.id), String(remind!.id)]);
  });

  it('refuses an approval against a stale case version and writes nothing', async () => {
    const db = t.workbench.db;
    const [call] = await db.selectFrom('collection_actions').select('id').where('step', '=', 'call').execute();
    const seen = (await getCase(db, c.id)).case.version;
    await addNote(db, c.id, 'Customer says the invoice is wrong', { actor: 'anna@example.com', expectedVersion: seen });
    await expect(approveAction(db, call!.id, 'lead@example.com', seen)).rejects.toThrow(CaseConflictError);
    const after = await db.selectFrom('collection_actions').selectAll().where('id', '=', call!.id).executeTakeFirstOrThrow();
    expect([after.status, after.decided_by]).toEqual(['proposed', null]);
    expect(await count('outbox')).toBe(2);
    const skipped = await skipAction(db, call!.id, 'lead@example.com', seen + 1);
    expect([skipped.action.status, skipped.outbox]).toEqual(['skipped', null]);
    expect((await skipAction(db, call!.id, 'lead@example.com')).repeated).toBe(true);
    await expect(approveAction(db, call!.id, 'lead@example.com')).rejects.toThrow(/already skipped by lead@example.com/);
  });
});
