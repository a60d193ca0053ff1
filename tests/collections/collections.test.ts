/**
 * The collections glue against a real warehouse (the receivables fixture, synced; Europe/Moscow)
 * and a real workbench database: queue ⋈ cases, proposals recorded once, the outbox relay, the
 * reminder .eml, and conflicts turned into form errors. As of 2026-03-31 (see ../receivables/fixture.ts).
 */
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerlensServices } from '../../pipelines/services.ts';
import { createApiRouter } from '../../app/lib/server/api/router.ts';
import { asAllScopesToken } from '../support/api-principal.ts';
import { agencyHandoffLines } from '../../app/lib/server/collections/agency-handoffs.ts';
import { businessToday } from '../../app/lib/server/receivables/dates.ts';
import { clearServices, setServices } from '../../app/lib/server/services.ts';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseReminderEml, caseReminderPdf } from '../../app/lib/server/collections/case-letter.ts';
import { loadCasePage, requireCaseAction } from '../../app/lib/server/collections/case-page.ts';
import { formFailure, parseMajorAmount } from '../../app/lib/server/collections/forms.ts';
import { loadQueuePage } from '../../app/lib/server/collections/queue.ts';
import { NO_QUEUE_FILTER } from '../../app/lib/collections/queue-filter.ts';
import { DEMO_STAFF, ensureStaff } from '../../app/lib/server/collections/staff.ts';
import {
  acknowledgeOutbox, approveAction, recordProposals, assignCase, ensureCases, listPendingOutbox, logContact, OutboxEntryNotFoundError, type Staff,
} from '../../app/lib/server/workbench/index.ts';
import { openReceivablesFixture, type ReceivablesFixture } from '../receivables/fixture.ts';
import { createTestWorkbench, type TestWorkbench } from '../support/workbench-database.ts';

const AS_OF = '2026-03-31';
const TZ = 'Europe/Moscow';
const noFilter = NO_QUEUE_FILTER;

describe('collections glue', () => {
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

  it('seeds the demo staff once', async () => {
    expect(staff.map((s) => s.email).sort()).toEqual(DEMO_STAFF.map((s) => s.email).sort());
    expect(await ensureStaff(t.workbench.db)).toHaveLength(2);
  });

  it('joins the ranked queue with the workbench cases and filters it', async () => {
    const db = t.workbench.db;
    const before = await loadQueuePage(fx.warehouse, db, { asOf: AS_OF, filter: noFilter, me: staff[0]!, staff });
    // c_usd: 167 dpd; c_rub2: B 75, D 44, H 30 dpd; c_rub1: A 21 dpd (C is current).
    expect(before.rows.map((r) => [r.customerId, r.currency, r.overdueMinor, r.maxDaysPastDue, r.caseStatus])).toEqual(
      expect.arrayContaining([['c_usd', 'USD', 700n, 167, 'none'], ['c_rub2', 'RUB', 6800n, 75, 'none'], ['c_rub1', 'RUB', 6000n, 21, 'none']]),
    );
    expect(before.rows.map((r) => r.rank)).toEqual([1, 2, 3]);

    const { opened: [c] } = await ensureCases(db, [{ customerId: 'c_rub2' }], { actor: staff[0]!.email });
    await assignCase(db, c!.id, staff[0]!.id, { actor: staff[0]!.email, expectedVersion: c!.version });
    const after = await loadQueuePage(fx.warehouse, db, { asOf: AS_OF, filter: noFilter, me: staff[0]!, staff });
    expect(after.rows.find((r) => r.customerId === 'c_rub2')).toMatchObject({ caseId: c!.id, caseVersion: 2, caseStatus: 'open', assignedName: staff[0]!.name });

    const mine = await loadQueuePage(fx.warehouse, db, { asOf: AS_OF, filter: { ...noFilter, assignee: 'me' }, me: staff[0]!, staff });
    expect(mine.rows.map((r) => r.customerId)).toEqual(['c_rub2']);
    const unassigned = await loadQueuePage(fx.warehouse, db, { asOf: AS_OF, filter: { ...noFilter, assignee: 'unassigned' }, me: staff[0]!, staff });
    expect(unassigned.rows.map((r) => r.customerId).sort()).toEqual(['c_rub1', 'c_usd']);
    const usd = await loadQueuePage(fx.warehouse, db, { asOf: AS_OF, filter: { ...noFilter, currency: 'USD' }, me: staff[0]!, staff });
    expect(usd.rows.map((r) => r.customerId)).toEqual(['c_usd']);
    const smb = await loadQueuePage(fx.warehouse, db, { asOf: AS_OF, filter: { ...noFilter, segment: 'smb' }, me: null, staff });
    expect(smb.rows.map((r) => r.customerId)).toEqual(['c_rub2']);
  });

  it('shows open invoices with hand-computed late fees and records proposals once', async () => {
    const db = t.workbench.db;
    const { existing: [c] } = await ensureCases(db, [{ customerId: 'c_rub2' }], { actor: 'test' });
    const first = await loadCasePage(fx.warehouse, db, c!.id, { timezone: TZ, today: AS_OF });
    expect(first.invoices.map((i) => [i.invoiceId, i.ageDays, i.principalMinor, i.openMinor])).toEqual([
      ['B', 75, 5000n, 4000n],
      ['D', 44, 2000n, 2000n],
      ['H', 30, 800n, 800n],
    ]);
    // B: 12 %/365 a day on 5000 for 16 Jan–1 Feb (17 days; the credit note of 1 Feb counts from 2 Feb)
    // and on 4000 for 2 Feb–31 Mar (58 days): (85000 + 232000) × 0.12 / 365 = 104.2 → 104.
    expect(first.invoices[0]!.lateFee!.feeMinor).toBe(104n);
    // D: 2000 × 44 × 0.12 / 365 = 28.9 → 29; H: 800 × 30 × 0.12 / 365 = 7.9 → 8.
    expect(first.invoices.map((i) => i.lateFee?.feeMinor)).toEqual([104n, 29n, 8n]);
    expect(first.lateFeeTotals).toEqual([{ currency: 'RUB', feeMinor: 141n }]);
    expect(first.payments.map((p) => p.id)).toEqual(['pH']);
    // One step per invoice per day: reminder 1 for each overdue invoice.
    expect(first.detail.actions.map((a) => [a.step, a.invoice_id, a.status])).toEqual([
      ['reminder-1', 'B', 'proposed'], ['reminder-1', 'D', 'proposed'], ['reminder-1', 'H', 'proposed'],
    ]);
    const again = await loadCasePage(fx.warehouse, db, c!.id, { timezone: TZ, today: AS_OF });
    expect(again.detail.actions.map((a) => a.id)).toEqual(first.detail.actions.map((a) => a.id));
    expect(again.detail.history.filter((h) => h.kind === 'action_proposed')).toHaveLength(3);
    // The next day the ladder climbs on (reminder 2 from day 10), again once; H was paid on 1 April (Moscow).
    const next = await loadCasePage(fx.warehouse, db, c!.id, { timezone: TZ, today: '2026-04-01' });
    expect(next.invoices.map((i) => i.invoiceId)).toEqual(['B', 'D']);
    expect(next.detail.actions.filter((a) => a.step === 'reminder-2').map((a) => a.invoice_id)).toEqual(['B', 'D']);
  });

  it('publishes an approval to the outbox once and acknowledges idempotently', async () => {
    const db = t.workbench.db;
    const { existing: [c] } = await ensureCases(db, [{ customerId: 'c_rub2' }], { actor: 'test' });
    const page = await loadCasePage(fx.warehouse, db, c!.id, { timezone: TZ, today: AS_OF });
    const reminder = page.detail.actions.find((a) => a.step === 'reminder-1' && a.invoice_id === 'B')!;
    const approved = await approveAction(db, reminder.id, staff[0]!.email, page.detail.case.version);
    expect((await approveAction(db, reminder.id, staff[0]!.email)).repeated).toBe(true);
    const pending = await listPendingOutbox(db);
    expect(pending.map((e) => [e.id, e.payload.idempotencyKey, e.payload.customerId])).toEqual([[approved.outbox!.id, reminder.idempotency_key, 'c_rub2']]);
    const ack = await acknowledgeOutbox(db, approved.outbox!.id);
    expect(ack.repeated).toBe(false);
    expect(ack.entry.acknowledged_at).toBeInstanceOf(Date);
    const ackAgain = await acknowledgeOutbox(db, approved.outbox!.id);
    expect(ackAgain).toMatchObject({ repeated: true });
    expect(ackAgain.entry.acknowledged_at).toEqual(ack.entry.acknowledged_at);
    expect(await listPendingOutbox(db)).toEqual([]);
    const action = await db.selectFrom('collection_actions').select('status').where('id', '=', reminder.id).executeTakeFirstOrThrow();
    expect(action.status).toBe('published');
    expect(await db.selectFrom('outbox').select('id').execute()).toHaveLength(1);
    await expect(acknowledgeOutbox(db, 999_999n)).rejects.toBeInstanceOf(OutboxEntryNotFoundError);
    expect(await requireCaseAction(db, c!.id, reminder.id)).toBe(reminder.id);
    await expect(requireCaseAction(db, c!.id + 1000n, reminder.id)).rejects.toMatchObject({ code: 'ACTION_NOT_FOUND' });
  });

  it('renders the reminder .eml with the overdue invoices, amounts and late fees', async () => {
    const db = t.workbench.db;
    const { existing: [c] } = await ensureCases(db, [{ customerId: 'c_rub2' }], { actor: 'test' });
    const en = await caseReminderEml(fx.warehouse, db, c!.id, { lang: 'en', timezone: TZ, sender: staff[0]!, today: AS_OF });
    const [head, body] = en.eml.split('\r\n\r\n');
    expect(head).toMatch(/^From: Anna Petrova <anna\.petrova@ledgerlens\.demo>\r\n/);
    expect(head).toContain('Content-Transfer-Encoding: base64');
    expect(head).toMatch(/\r\nSubject: Payment reminder: overdue invoices as of 2026-03-31\r\n/);
    expect(body!.split('\r\n').every((line) => line.length <= 76)).toBe(true);
    const text = Buffer.from(body!, 'base64').toString('utf8');
    expect(text).toContain('Invoice N-B, due 2026-01-15 (75 days overdue): 40.00 RUB open, late fee accrued 1.04 RUB');
    expect(text).toContain('Invoice N-D, due 2026-02-15 (44 days overdue): 20.00 RUB open, late fee accrued 0.29 RUB');
    expect(text).toContain('Total overdue: 68.00 RUB');
    expect(text).toContain('Late fees accrued to date: 1.41 RUB');
    expect(text).toContain('Dear ООО "Вектор"');

    const ru = await caseReminderEml(fx.warehouse, db, c!.id, { lang: 'ru', timezone: TZ, sender: null, today: AS_OF });
    const [ruHead, ruBody] = ru.eml.split('\r\n\r\n');
    const subject = /Subject: =\?UTF-8\?B\?([^?]+)\?=/.exec(ruHead!)![1]!;
    expect(Buffer.from(subject, 'base64').toString('utf8')).toBe('Напоминание об оплате: просроченные счета на 2026-03-31');
    const ruText = Buffer.from(ruBody!, 'base64').toString('utf8');
    expect(ruText).toContain('Счёт N-B, срок оплаты 2026-01-15 (просрочка 75 дн.): к оплате 40,00 RUB, начислено пеней 1,04 RUB');
  });

  it('renders the same reminder as a PDF with extractable Cyrillic text', async () => {
    const db = t.workbench.db;
    const { existing: [c] } = await ensureCases(db, [{ customerId: 'c_rub2' }], { actor: 'test' });
    const { filename, pdf } = await caseReminderPdf(fx.warehouse, db, c!.id, { lang: 'ru', timezone: TZ, sender: staff[0]!, today: AS_OF });
    expect(filename).toBe(`reminder-case-${c!.id}-ru.pdf`);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The font is embedded as a subset with a ToUnicode map: a PDF reader gets the text back.
    expect(pdf.toString('latin1')).toContain('/ToUnicode');
    let text: string | null = null;
    try {
      const dir = mkdtempSync(join(tmpdir(), 'letter-pdf-'));
      writeFileSync(join(dir, 'letter.pdf'), pdf);
      text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'letter.pdf'), '-'], { encoding: 'utf8' });
    } catch {
      // Known limitation: without poppler-utils only the PDF structure above is checked.
    }
    if (text !== null) {
      const flat = text.replace(/\s+/g, ' ');
      expect(flat).toContain('Напоминание об оплате: просроченные счета на 2026-03-31');
      expect(flat).toContain('Счёт N-B, срок оплаты 2026-01-15 (просрочка 75 дн.): к оплате 40,00 RUB, начислено пеней 1,04 RUB');
      expect(flat).toContain('Итого просрочено: 68,00 RUB');
      expect(flat).toContain('Начислено пеней на сегодня: 1,41 RUB');
      expect(flat).toContain('ООО "Вектор"');
    }
  });

  it('turns a stale version into a CASE_CONFLICT form error and parses amounts exactly', async () => {
    const db = t.workbench.db;
    const { existing: [c] } = await ensureCases(db, [{ customerId: 'c_rub2' }], { actor: 'test' });
    await logContact(db, c!.id, { channel: 'call', outcome: 'reached' }, { actor: staff[1]!.email, expectedVersion: c!.version });
    const failure = await logContact(db, c!.id, { channel: 'call', outcome: 'no_answer' }, { actor: staff[0]!.email, expectedVersion: c!.version }).catch((err) => formFailure('contact', err));
    expect(failure).toMatchObject({ status: 409, data: { form: 'contact', code: 'CASE_CONFLICT' } });
    expect((failure as { data: { message: string } }).data.message).toMatch(new RegExp(`changed by ${staff[1]!.email.replace('.', '\\.')}.*reload`));
    expect(parseMajorAmount('1 250.5', 'RUB')).toBe(125050n);
    expect(parseMajorAmount('300', 'JPY')).toBe(300n);
    expect(() => parseMajorAmount('1.234', 'USD')).toThrow(/2 decimal places/);
    expect(() => formFailure('x', new Error('boom'))).toThrow('boom');
  });

  it('lists approved agency hand-offs with the overdue invoices as CSV over /api/v1', async () => {
    const db = t.workbench.db;
    const { opened, existing } = await ensureCases(db, [{ customerId: 'c_usd' }, { customerId: 'c_rub1' }], { actor: 'test' });
    const cases = [...opened, ...existing];
    const [usd, rub1] = ['c_usd', 'c_rub1'].map((id) => cases.find((c) => c.customer_id === id));
    const handoff = (caseId: bigint, customerId: string, invoiceIds: string[]) => ({
      caseId, step: 'agency-handoff', kind: 'agency_handoff', idempotencyKey: `${customerId}:agency-handoff:all:1`, details: { invoiceIds },
    });
    const [approvedHandoff] = await recordProposals(db, [handoff(usd!.id, 'c_usd', ['E']), handoff(rub1!.id, 'c_rub1', ['A'])]);
    await approveAction(db, approvedHandoff!.id, staff[1]!.email);
    // c_rub1's hand-off stays proposed, c_rub2's approved reminder is no hand-off: neither is listed.

    const lines = await agencyHandoffLines(fx.warehouse, db, AS_OF);
    expect(lines.map((l) => [l.handoff.customerId, l.customerName, l.invoice?.invoiceId, l.invoice?.openMinor, l.invoice?.daysPastDue, l.handoff.approvedBy])).toEqual([
      ['c_usd', 'Acme Inc.', 'E', 700n, 167, staff[1]!.email],
    ]);

    const app = express();
    app.use('/api/v1', createApiRouter({ authenticate: asAllScopesToken }));
    const server: Server = app.listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    setServices({ config: { timezone: TZ }, warehouse: fx.warehouse, workbench: t.workbench } as unknown as LedgerlensServices);
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/collections/agency-handoffs.csv`;
      const res = await fetch(`${base}?asOf=${AS_OF}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="agency-handoffs_${AS_OF}.csv"`);
      const rows = (await res.text()).trimEnd().split('\r\n').map((line) => line.split(','));
      expect(rows[0]).toEqual([
        'as_of', 'action_id', 'case_id', 'customer_id', 'customer_name', 'currency', 'invoice_id', 'invoice_number', 'due_on',
        'days_past_due', 'open_minor', 'open', 'named_in_approval', 'approved_at', 'approved_by', 'status',
      ]);
      expect(rows).toHaveLength(2);
      expect(rows[1]!.slice(0, 13)).toEqual([AS_OF, String(approvedHandoff!.id), String(usd!.id), 'c_usd', 'Acme Inc.', 'USD', 'E', 'N-E', '2025-10-15', '167', '700', '7.00', 'yes']);
      expect(rows[1]!.slice(14)).toEqual([staff[1]!.email, 'approved']);
      expect(new Date(rows[1]![13]!).toISOString()).toBe(rows[1]![13]);
      // Without asOf: today in the business time zone.
      expect((await (await fetch(base)).text()).split('\r\n')[1]!.split(',')[0]).toBe(businessToday(TZ));
      const bad = await fetch(`${base}?asOf=2026-02-30`);
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ error: { code: 'BAD_AS_OF', param: 'asOf' } });
    } finally {
      clearServices();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
