import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkbench, type TestWorkbench } from '../../../../tests/support/workbench-database.ts';
import { assignCase, bulkAssign, ensureCases, getCase, listCases, reopenCase, resolveCase } from './cases.ts';
import { logContact } from './contacts.ts';
import type { Workbench } from './database.ts';
import { CaseConflictError, CaseNotFoundError, CaseStateError, WorkbenchInputError } from './errors.ts';
import { addNote } from './notes.ts';
import { recordPromise } from './promises.ts';
import { addStaff } from './staff.ts';
import { deleteView, listViews, saveView } from './saved-views.ts';

describe('collections cases', () => {
  let t: TestWorkbench;
  let wb: Workbench;
  beforeAll(async () => {
    t = await createTestWorkbench();
    wb = t.workbench;
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('opens one case per overdue customer, idempotently', async () => {
    const first = await ensureCases(wb.db, [{ customerId: 'cus_1', details: { overdueMinor: '125000', currency: 'RUB' } }, { customerId: 'cus_2' }, { customerId: 'cus_1' }], { actor: 'system:queue' });
    expect(first.opened.map((c) => c.customer_id).sort()).toEqual(['cus_1', 'cus_2']);
    expect(first.opened.every((c) => c.version === 1 && c.status === 'open' && c.opened_at instanceof Date)).toBe(true);
    const again = await ensureCases(wb.db, [{ customerId: 'cus_1' }, { customerId: 'cus_2' }, { customerId: 'cus_3' }], { actor: 'system:queue' });
    expect(again.opened.map((c) => c.customer_id)).toEqual(['cus_3']);
    expect(again.existing.map((c) => c.id)).toEqual(first.opened.map((c) => c.id).sort((a, b) => (a < b ? -1 : 1)));
    // Both at once (two app processes): still one open case each.
    await Promise.all([ensureCases(wb.db, [{ customerId: 'cus_4' }], { actor: 'a' }), ensureCases((await t.session()).db, [{ customerId: 'cus_4' }], { actor: 'b' })]);
    expect((await listCases(wb.db, { customerIds: ['cus_1', 'cus_2', 'cus_3', 'cus_4'] })).length).toBe(4);
    const opened = await wb.db.selectFrom('case_events').select(['kind', 'payload']).where('kind', '=', 'opened').orderBy('id').execute();
    expect(opened.length).toBe(4);
    expect(opened[0]!.payload).toMatchObject({ customerId: expect.any(String) });
    expect(opened.find((e) => e.payload.customerId === 'cus_1')!.payload).toEqual({ customerId: 'cus_1', overdueMinor: '125000', currency: 'RUB' });
  });

  it('refuses the second of two concurrent edits with CASE_CONFLICT, naming who and when, and keeps the first', async () => {
    const { opened: [c] } = await ensureCases(wb.db, [{ customerId: 'cus_lock' }], { actor: 'system:queue' });
    const anna = await addStaff(wb.db, { name: 'Anna', email: 'Anna@Example.com' });
    const boris = await addStaff(wb.db, { name: 'Boris', email: 'boris@example.com' });
    const other = await t.session();
    // Both collectors opened the case at version 1.
    const seen = c!.version;
    const annaResult = await assignCase(wb.db, c!.id, anna.id, { actor: 'anna@example.com', expectedVersion: seen });
    expect(annaResult.version).toBe(seen + 1);
    const second = addNote(other.db, c!.id, 'Called, no answer', { actor: 'boris@example.com', expectedVersion: seen });
    await expect(second).rejects.toBeInstanceOf(CaseConflictError);
    const err = (await second.catch((e: unknown) => e)) as CaseConflictError;
    expect(err.code).toBe('CASE_CONFLICT');
    expect(err.changedBy).toBe('anna@example.com');
    expect(err.changedAt.getTime()).toBe(annaResult.updated_at.getTime());
    expect(err.currentVersion).toBe(2);
    expect(err.message).toContain(`Case ${c!.id} was changed by anna@example.com at ${annaResult.updated_at.toISOString()} (assigned)`);
    expect(err.message).toMatch(/reload the case/);
    const detail = await getCase(wb.db, c!.id);
    expect(detail.case.assigned_to).toBe(anna.id);
    expect(detail.notes).toEqual([]);
    expect(detail.history.map((e) => e.kind)).toEqual(['opened', 'assigned']);
    // Boris reloads and tries again with the version he now sees.
    const { case: after } = await addNote(other.db, c!.id, 'Called, no answer', { actor: 'boris@example.com', expectedVersion: detail.case.version });
    expect(after.version).toBe(3);
    // Truly simultaneous edits at the same version: exactly one wins.
    const results = await Promise.allSettled([
      assignCase(wb.db, c!.id, boris.id, { actor: 'anna@example.com', expectedVersion: 3 }),
      assignCase(other.db, c!.id, null, { actor: 'boris@example.com', expectedVersion: 3 }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled').length).toBe(1);
    expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof CaseConflictError).length).toBe(1);
    expect((await getCase(wb.db, c!.id)).case.version).toBe(4);
  });

  it('bulk-assigns, reporting the cases someone else changed instead of overwriting them', async () => {
    const { opened } = await ensureCases(wb.db, [{ customerId: 'bulk_1' }, { customerId: 'bulk_2' }, { customerId: 'bulk_3' }], { actor: 'system:queue' });
    const vera = await addStaff(wb.db, { name: 'Vera', email: 'vera@example.com' });
    await addNote(wb.db, opened[1]!.id, 'Disputes invoice 17', { actor: 'gleb@example.com', expectedVersion: 1 });
    const result = await bulkAssign(wb.db, opened.map((c) => ({ caseId: c.id, expectedVersion: c.version })), vera.id, { actor: 'lead@example.com' });
    expect(result.changed.map((c) => c.id)).toEqual([opened[0]!.id, opened[2]!.id]);
    expect(result.conflicts.map((e) => [e.caseId, e.changedBy])).toEqual([[opened[1]!.id, 'gleb@example.com']]);
    expect((await listCases(wb.db, { assignedTo: vera.id })).map((c) => c.customer_id)).toEqual(['bulk_1', 'bulk_3']);
    expect((await listCases(wb.db, { assignedTo: null, customerIds: ['bulk_2'] })).map((c) => c.customer_id)).toEqual(['bulk_2']);
    await expect(assignCase(wb.db, opened[0]!.id, 999_999n, { actor: 'lead@example.com', expectedVersion: 2 })).rejects.toBeInstanceOf(WorkbenchInputError);
  });

  it('resolves and reopens, refusing changes that do not fit the status', async () => {
    const { opened: [c] } = await ensureCases(wb.db, [{ customerId: 'cus_resolve' }], { actor: 'system:queue' });
    const resolved = await resolveCase(wb.db, c!.id, 'paid in full', { actor: 'anna@example.com', expectedVersion: 1 });
    expect(resolved.status).toBe('resolved');
    expect(resolved.resolved_at).toBeInstanceOf(Date);
    await expect(resolveCase(wb.db, c!.id, 'again', { actor: 'anna@example.com', expectedVersion: 2 })).rejects.toBeInstanceOf(CaseStateError);
    // Overdue again: a new case opens, and the old one cannot be reopened beside it.
    const { opened: [fresh] } = await ensureCases(wb.db, [{ customerId: 'cus_resolve' }], { actor: 'system:queue' });
    expect(fresh!.id).not.toBe(c!.id);
    await expect(reopenCase(wb.db, c!.id, 'payment bounced', { actor: 'anna@example.com', expectedVersion: 2 })).rejects.toThrow(/already has another open case/);
    await resolveCase(wb.db, fresh!.id, 'duplicate', { actor: 'anna@example.com', expectedVersion: 1 });
    const reopened = await reopenCase(wb.db, c!.id, 'payment bounced', { actor: 'anna@example.com', expectedVersion: 2 });
    expect([reopened.status, reopened.resolved_at, reopened.version]).toEqual(['open', null, 3]);
    await expect(addNote(wb.db, 123_456_789n, 'x', { actor: 'a', expectedVersion: 1 })).rejects.toBeInstanceOf(CaseNotFoundError);
  });

  it('keeps a complete, append-only audit trail on the case', async () => {
    const { opened: [c] } = await ensureCases(wb.db, [{ customerId: 'cus_audit' }], { actor: 'system:queue' });
    const staff = await addStaff(wb.db, { name: 'Dina', email: 'dina@example.com' });
    let v = c!.version;
    v = (await assignCase(wb.db, c!.id, staff.id, { actor: 'lead@example.com', expectedVersion: v })).version;
    v = (await logContact(wb.db, c!.id, { channel: 'call', outcome: 'reached', text: 'Will pay Friday' }, { actor: 'dina@example.com', expectedVersion: v })).case.version;
    v = (await recordPromise(wb.db, c!.id, { amountMinor: 50_000n, currency: 'RUB', promisedDate: '2026-04-10' }, { actor: 'dina@example.com', expectedVersion: v })).case.version;
    v = (await addNote(wb.db, c!.id, 'Promised on the phone', { actor: 'dina@example.com', expectedVersion: v })).case.version;
    v = (await resolveCase(wb.db, c!.id, 'paid', { actor: 'dina@example.com', expectedVersion: v })).version;
    expect(v).toBe(6);
    const { history, contacts, promises, notes } = await getCase(wb.db, c!.id);
    expect(history.map((e) => [e.kind, e.actor])).toEqual([
      ['opened', 'system:queue'], ['assigned', 'lead@example.com'], ['contact_logged', 'dina@example.com'],
      ['promise_recorded', 'dina@example.com'], ['note_added', 'dina@example.com'], ['resolved', 'dina@example.com'],
    ]);
    expect(history[1]!.payload).toEqual({ from: null, to: String(staff.id) });
    expect(history[2]!.payload).toMatchObject({ contactId: String(contacts[0]!.id), channel: 'call', outcome: 'reached', text: 'Will pay Friday' });
    expect(history[3]!.payload).toEqual({ promiseId: String(promises[0]!.id), amountMinor: '50000', currency: 'RUB', promisedDate: '2026-04-10' });
    expect(history[4]!.payload).toEqual({ noteId: String(notes[0]!.id), body: 'Promised on the phone' });
    expect(history.every((e) => e.at instanceof Date)).toBe(true);

    const pool = t.database.pool;
    await expect(pool.query("UPDATE workbench.case_events SET actor = 'someone else'")).rejects.toThrow(/UPDATE on workbench\.case_events is not allowed: the case history is append-only/);
    await expect(pool.query('DELETE FROM workbench.case_events WHERE case_id = $1', [c!.id])).rejects.toThrow(/DELETE on workbench\.case_events is not allowed/);
    await expect(pool.query('TRUNCATE workbench.case_events CASCADE')).rejects.toThrow(/append-only/);
    await expect(sql`UPDATE workbench.case_events SET payload = '{}'`.execute(wb.db)).rejects.toThrow(/append-only/);
    expect((await getCase(wb.db, c!.id)).history).toEqual(history);
  });

  it('validates input before touching the case', async () => {
    const { opened: [c] } = await ensureCases(wb.db, [{ customerId: 'cus_input' }], { actor: 'system:queue' });
    await expect(addNote(wb.db, c!.id, '  ', { actor: 'a', expectedVersion: 1 })).rejects.toBeInstanceOf(WorkbenchInputError);
    await expect(addNote(wb.db, c!.id, 'hi', { actor: '', expectedVersion: 1 })).rejects.toBeInstanceOf(WorkbenchInputError);
    await expect(logContact(wb.db, c!.id, { channel: 'pigeon' as 'call', outcome: 'reached' }, { actor: 'a', expectedVersion: 1 })).rejects.toThrow(/Unknown contact channel "pigeon"/);
    await expect(recordPromise(wb.db, c!.id, { amountMinor: 0n, currency: 'RUB', promisedDate: '2026-04-10' }, { actor: 'a', expectedVersion: 1 })).rejects.toBeInstanceOf(WorkbenchInputError);
    await expect(recordPromise(wb.db, c!.id, { amountMinor: 1n, currency: 'rub', promisedDate: '2026-04-10' }, { actor: 'a', expectedVersion: 1 })).rejects.toBeInstanceOf(WorkbenchInputError);
    await expect(recordPromise(wb.db, c!.id, { amountMinor: 1n, currency: 'RUB', promisedDate: '2026-02-30' }, { actor: 'a', expectedVersion: 1 })).rejects.toThrow(/not a date/);
    expect((await getCase(wb.db, c!.id)).case.version).toBe(1);
  });

  it('saves queue views per owner', async () => {
    const v = await saveView(wb.db, { owner: 'anna@example.com', name: 'Mine, over 90 days', filters: { and: [{ field: 'assignedTo', op: 'eq', value: 'me' }, { field: 'daysOverdue', op: 'gt', value: 90 }] } });
    await saveView(wb.db, { owner: 'anna@example.com', name: 'Mine, over 90 days', filters: { field: 'daysOverdue', op: 'gt', value: 60 } });
    expect((await listViews(wb.db, 'anna@example.com')).map((x) => [x.id, x.filters])).toEqual([[v.id, { field: 'daysOverdue', op: 'gt', value: 60 }]]);
    expect(await deleteView(wb.db, v.id, 'boris@example.com')).toBe(false);
    expect(await deleteView(wb.db, v.id, 'anna@example.com')).toBe(true);
  });
});
