/**
 * Scheduled reports end to end, with the clock injected (the tick is called at chosen instants;
 * nothing waits real time): a real workbench database, a generated demo warehouse, and a real SMTP
 * server (smtp-server) listening in the test. A report is mailed with its PDF and XLSX at 09:00 of
 * the first working day in Moscow and written to its folder; a delivery the server refuses is retried
 * after 1 and 5 minutes and recorded; one that keeps failing gives up after the 30-minute retry.
 */
import type { DuckDBInstance } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonthString } from '../../app/lib/months.ts';
import { minorToDecimalString } from '../../app/lib/money.ts';
import { formatMoney } from '../../app/lib/server/notebooks/export-cells.ts';
import { smtpMailer, type ReportMailer } from '../../app/lib/server/reports/deliver.ts';
import { createReportScheduler, type ReportScheduler } from '../../app/lib/server/reports/scheduler.ts';
import { createSchedule, getSchedule, listDeliveries, ScheduleValidationError, type ScheduleInput } from '../../app/lib/server/reports/schedules.ts';
import { readNotebook } from '../../app/lib/server/notebooks/store.ts';
import { queryRevenueMonthly } from '../../app/lib/server/revenue/queries.ts';
import type { Warehouse } from '../../pipelines/warehouse/connection.ts';
import { generatedWarehouse, TZ } from '../notebooks/fixture.ts';
import { tempDataDir } from '../support/warehouse.ts';
import { createTestWorkbench, type TestWorkbench } from '../support/workbench-database.ts';

const SHIPPED = path.join(import.meta.dirname, '..', '..', 'notebooks');

interface Received {
  readonly from: string;
  readonly to: string[];
  readonly raw: string;
}

/** Parts of a MIME message with their decoded bodies (base64 or plain), by content type. */
function mimeParts(raw: string): { contentType: string; header: string; body: Buffer }[] {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
  if (!boundary) return [];
  return raw.split(`--${boundary}`).flatMap((part) => {
    const split = part.search(/\r?\n\r?\n/);
    if (split < 0) return [];
    const header = part.slice(0, split);
    const contentType = /content-type:\s*([^;\r\n]+)/i.exec(header)?.[1]?.trim().toLowerCase();
    if (!contentType) return [];
    const text = part.slice(split).trim();
    const body = /content-transfer-encoding:\s*base64/i.test(header) ? Buffer.from(text.replace(/\s+/g, ''), 'base64') : Buffer.from(text);
    return [{ contentType, header, body }];
  });
}

let temp: ReturnType<typeof tempDataDir>;
let warehouse: Warehouse;
let instance: DuckDBInstance;
let wb: TestWorkbench;
let smtp: SMTPServer;
let mailer: ReportMailer;
let scheduler: ReportScheduler;
let notebooksDir: string;
let reportsDir: string;
const received: Received[] = [];
/** The next this-many messages are refused at DATA with a temporary failure (451). */
let refuseNext = 0;
let clock = new Date('2026-11-30T12:00:00Z');

beforeAll(async () => {
  temp = tempDataDir('ledgerlens-reports-');
  notebooksDir = path.join(temp.dir, 'notebooks');
  reportsDir = path.join(temp.dir, 'reports');
  fs.mkdirSync(notebooksDir);
  fs.copyFileSync(path.join(SHIPPED, 'monthly-board-pack.md'), path.join(notebooksDir, 'monthly-board-pack.md'));
  fs.writeFileSync(
    path.join(notebooksDir, 'invoiced.md'),
    `---\ntitle: Invoiced this year\nparams:\n  currency: { type: choice, options: [RUB, USD], default: RUB }\n---\n\n\`\`\`sql name=total\nselect sum(invoiced_minor) * 0.01 as invoiced from marts.revenue_monthly where currency = $currency\n\`\`\`\n`,
  );
  ({ warehouse, instance } = await generatedWarehouse(temp.dir));
  wb = await createTestWorkbench();

  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address === 'down@example.test') return callback(Object.assign(new Error('mailbox down@example.test is not available'), { responseCode: 450 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (refuseNext > 0) {
          refuseNext--;
          return callback(Object.assign(new Error('try again later, the queue is full'), { responseCode: 451 }));
        }
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        received.push({ from, to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('latin1') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  const { port } = smtp.server.address() as AddressInfo;
  mailer = smtpMailer(`smtp://127.0.0.1:${port}`, 'Ledgerlens reports <reports@example.test>');

  scheduler = createReportScheduler({
    db: wb.workbench.db,
    now: () => clock,
    mailer,
    reportsDir,
    sources: {
      notebooksDir,
      businessTimezone: TZ,
      exportWarehouse: { connection: warehouse.connection, connect: () => instance.connect() },
      async withConnection(fn) {
        const connection = await instance.connect();
        try {
          return await fn(connection);
        } finally {
          connection.closeSync();
        }
      },
    },
  });
}, 240_000);

afterAll(async () => {
  await scheduler?.stop();
  mailer?.close();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  await wb?.drop();
  warehouse?.close();
  temp?.remove();
});

const context = () => ({ readSource: (name: string) => readNotebook(notebooksDir, name), today: clock.toISOString().slice(0, 10), now: clock });

const base: ScheduleInput = {
  name: 'Board pack',
  notebook: 'monthly-board-pack',
  params: { from: '2025-12', to: '2026-10', currency: 'RUB', as_of: '2026-11-20' },
  ruleKind: 'first_working_day',
  cron: null,
  runTime: '09:00',
  timezone: 'Europe/Moscow',
  holidays: ['2027-01-01', '2027-01-04', '2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08'],
  formats: ['pdf', 'xlsx'],
  xlsxBlocks: ['revenue'],
  emailTo: ['cfo@example.test'],
  folder: 'board',
  enabled: true,
};

describe('scheduled reports', () => {
  it('refuses a schedule that does not read, naming every field', async () => {
    const bad: ScheduleInput = { ...base, notebook: 'monthly-board-pack', params: { currency: 'GBP', colour: 'red' }, runTime: '9', timezone: 'Moon/Base', formats: [], emailTo: ['not-an-address'], folder: '../etc' };
    const error = await createSchedule(wb.workbench.db, bad, context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScheduleValidationError);
    expect(Object.keys((error as ScheduleValidationError).errors).sort()).toEqual(['emailTo', 'folder', 'formats', 'params', 'timezone']);
    const missingBlock = await createSchedule(wb.workbench.db, { ...base, xlsxBlocks: ['nope'] }, context()).catch((e: unknown) => e);
    expect((missingBlock as ScheduleValidationError).errors.xlsxBlocks).toMatch(/no sql block nope/);
  });

  it('mails the PDF and XLSX at 09:00 Moscow time on the first working day, and writes them to the folder', async () => {
    const schedule = await createSchedule(wb.workbench.db, base, context());
    expect(schedule.nextRunAt?.toISOString()).toBe('2026-12-01T06:00:00.000Z'); // Tuesday 1 December, 09:00 MSK

    clock = new Date('2026-12-01T05:59:59Z');
    expect(await scheduler.tick()).toEqual({ delivered: 0, failed: 0, gaveUp: 0 });
    expect(received).toHaveLength(0);

    clock = new Date('2026-12-01T06:00:00Z');
    expect(await scheduler.tick()).toEqual({ delivered: 1, failed: 0, gaveUp: 0 });
    expect(received).toHaveLength(1);
    const mail = received[0]!;
    expect(mail.to).toEqual(['cfo@example.test']);
    expect(mail.from).toBe('reports@example.test');
    expect(mail.raw).toMatch(/Subject: Monthly board pack \(2026-12-01 09:00 Europe\/Moscow\)/);

    const parts = mimeParts(mail.raw);
    const pdf = parts.find((p) => p.contentType === 'application/pdf')!;
    expect(pdf.header).toMatch(/attachment/i);
    const pdfFile = path.join(temp.dir, 'mailed.pdf');
    fs.writeFileSync(pdfFile, pdf.body);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfFile, '-'], { encoding: 'utf8' });
    const revenue = await queryRevenueMonthly(warehouse, { from: '2026-10' as MonthString, to: '2026-10' as MonthString, currency: 'RUB' });
    expect(text).toContain('Monthly board pack');
    expect(text).toContain(formatMoney(minorToDecimalString(revenue[0]!.invoiced_minor, 'RUB'), 'RUB'));
    expect(text).toContain('made 1 Dec 2026, 09:00 (Europe/Moscow)');

    const xlsx = parts.find((p) => p.contentType === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')!;
    const xlsxFile = path.join(temp.dir, 'mailed.xlsx');
    fs.writeFileSync(xlsxFile, xlsx.body);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsxFile);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(1 + 11); // header + December 2025 … October 2026

    const folder = fs.readdirSync(path.join(reportsDir, 'board')).sort();
    expect(folder).toEqual(['monthly-board-pack_2025-12_2026-10_RUB_2026-11-20.pdf', 'monthly-board-pack_2025-12_2026-10_RUB_2026-11-20_revenue.xlsx']);

    const history = await listDeliveries(wb.workbench.db, { scheduleId: schedule.id });
    expect(history.map((d) => [d.attempt, d.status, d.scheduledFor.toISOString(), d.attemptedAt.toISOString(), d.error])).toEqual([
      [1, 'delivered', '2026-12-01T06:00:00.000Z', '2026-12-01T06:00:00.000Z', null],
    ]);
    expect(history[0]!.files.map((f) => f.name)).toEqual(folder);
    // Next: 1 January 2027 is a Friday but a holiday, as is the whole first week: Monday the 11th.
    expect((await getSchedule(wb.workbench.db, schedule.id))!.nextRunAt?.toISOString()).toBe('2027-01-11T06:00:00.000Z');

    clock = new Date('2026-12-01T06:00:30Z');
    expect(await scheduler.tick()).toEqual({ delivered: 0, failed: 0, gaveUp: 0 });
    expect(received).toHaveLength(1);
  });

  it('retries a delivery the SMTP server refuses after 1 and 5 minutes, and records each attempt', async () => {
    clock = new Date('2026-12-06T12:00:00Z');
    const schedule = await createSchedule(
      wb.workbench.db,
      { ...base, name: 'Invoiced weekly', notebook: 'invoiced', params: { currency: 'RUB' }, ruleKind: 'cron', cron: '30 7 * * 1', runTime: null, timezone: 'Europe/Berlin', holidays: [], formats: ['pdf'], xlsxBlocks: [], emailTo: ['ar@example.test'], folder: null },
      context(),
    );
    expect(schedule.nextRunAt?.toISOString()).toBe('2026-12-07T06:30:00.000Z'); // Monday 07:30 CET
    refuseNext = 2;
    const before = received.length;

    clock = new Date('2026-12-07T06:30:00Z');
    expect(await scheduler.tick()).toEqual({ delivered: 0, failed: 1, gaveUp: 0 });
    clock = new Date('2026-12-07T06:30:59Z');
    expect(await scheduler.tick()).toEqual({ delivered: 0, failed: 0, gaveUp: 0 });
    clock = new Date('2026-12-07T06:31:00Z');
    expect(await scheduler.tick()).toEqual({ delivered: 0, failed: 1, gaveUp: 0 });
    clock = new Date('2026-12-07T06:35:59Z');
    expect(await scheduler.tick()).toEqual({ delivered: 0, failed: 0, gaveUp: 0 });
    clock = new Date('2026-12-07T06:36:00Z');
    expect(await scheduler.tick()).toEqual({ delivered: 1, failed: 0, gaveUp: 0 });
    expect(received.length).toBe(before + 1);
    expect(mimeParts(received.at(-1)!.raw).some((p) => p.contentType === 'application/pdf')).toBe(true);

    const history = (await listDeliveries(wb.workbench.db, { scheduleId: schedule.id })).reverse();
    expect(history.map((d) => [d.attempt, d.status, d.attemptedAt.toISOString(), d.retryAt?.toISOString() ?? null])).toEqual([
      [1, 'failed', '2026-12-07T06:30:00.000Z', null],
      [2, 'failed', '2026-12-07T06:31:00.000Z', null],
      [3, 'delivered', '2026-12-07T06:36:00.000Z', null],
    ]);
    expect(history[0]!.error).toMatch(/451.*queue is full/);
    expect(history.every((d) => d.scheduledFor.toISOString() === '2026-12-07T06:30:00.000Z')).toBe(true);
  });

  it('gives up after the 30-minute retry, and says why', async () => {
    clock = new Date('2026-12-07T12:00:00Z');
    const schedule = await createSchedule(
      wb.workbench.db,
      { ...base, name: 'To a dead mailbox', notebook: 'invoiced', params: {}, ruleKind: 'cron', cron: '0 10 * * 2', runTime: null, timezone: 'Europe/Berlin', holidays: [], formats: ['pdf'], xlsxBlocks: [], emailTo: ['down@example.test'], folder: null },
      context(),
    );
    expect(schedule.nextRunAt?.toISOString()).toBe('2026-12-08T09:00:00.000Z');
    const ticks: [string, { delivered: number; failed: number; gaveUp: number }][] = [
      ['2026-12-08T09:00:00Z', { delivered: 0, failed: 1, gaveUp: 0 }],
      ['2026-12-08T09:01:00Z', { delivered: 0, failed: 1, gaveUp: 0 }],
      ['2026-12-08T09:05:59Z', { delivered: 0, failed: 0, gaveUp: 0 }],
      ['2026-12-08T09:06:00Z', { delivered: 0, failed: 1, gaveUp: 0 }],
      ['2026-12-08T09:35:59Z', { delivered: 0, failed: 0, gaveUp: 0 }],
      ['2026-12-08T09:36:00Z', { delivered: 0, failed: 0, gaveUp: 1 }],
      ['2026-12-08T12:00:00Z', { delivered: 0, failed: 0, gaveUp: 0 }],
    ];
    for (const [at, expected] of ticks) {
      clock = new Date(at);
      expect(await scheduler.tick(), at).toEqual(expected);
    }
    const history = (await listDeliveries(wb.workbench.db, { scheduleId: schedule.id })).reverse();
    expect(history.map((d) => [d.attempt, d.status, d.attemptedAt.toISOString()])).toEqual([
      [1, 'failed', '2026-12-08T09:00:00.000Z'],
      [2, 'failed', '2026-12-08T09:01:00.000Z'],
      [3, 'failed', '2026-12-08T09:06:00.000Z'],
      [4, 'gave_up', '2026-12-08T09:36:00.000Z'],
    ]);
    expect(history.every((d) => /down@example\.test is not available/.test(d.error ?? ''))).toBe(true);
    expect(history.at(-1)!.retryAt).toBeNull();
  });
});
