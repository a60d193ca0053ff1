/**
 * The income statement on a hand-made history, every figure computed by hand (business time zone
 * Europe/Moscow): a yearly plan recognised by day over 2025, usage billed in arrears, a late fee,
 * a line-less USD invoice, a voided invoice, credit notes (one a write-off), a refund, and the
 * conversion of everything into RUB at month-end rates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FxRateBook } from '../../app/lib/server/fx/convert.ts';
import { loadIncomeStatement } from '../../app/lib/server/income/load.ts';
import { parseIncomeInput } from '../../app/lib/server/income/params.ts';
import { queryIncomeMonths } from '../../app/lib/server/income/queries.ts';
import type { MonthString } from '../../app/lib/months.ts';
import { openReceivablesFixture, type ReceivablesFixture } from '../receivables/fixture.ts';

const CUSTOMERS = `INSERT INTO billing.customers (id, name, email, phone, segment, region, currency, created_at, updated_at) VALUES
  ('c1', 'Пётр', null, null, 'consumer', 'Moscow', 'RUB', '2024-12-01Z', now()),
  ('c2', 'Acme', null, null, 'smb', 'Volga', 'USD', '2024-12-01Z', now())`;

// Y1: yearly plan issued 1 Jan 2025 (Moscow), service 2025-01-01..2025-12-31: 1,200.00 less a 120.00 discount.
// M1: issued 1 Feb: February fee 450.00, January usage 50.00 (billed in arrears), late fee 3.00 (no line period → invoice period, Feb).
// N:  USD invoice without lines, 100.00, issued 15 Mar, no service period → recognised in March.
// V:  voided RUB invoice: never counts.
const INVOICES = `INSERT INTO billing.invoices (id, number, customer_id, subscription_id, status, currency, issued_at, due_at, service_period_start,
  service_period_end, subtotal_minor, tax_minor, credits_applied_minor, total_minor, voided_at, updated_at) VALUES
  ('Y1', 'N-Y1', 'c1', null, 'paid', 'RUB', '2024-12-31T21:00Z', '2025-01-14T21:00Z', '2025-01-01', '2025-12-31', 108000, 21600, 0, 129600, null, now()),
  ('M1', 'N-M1', 'c1', null, 'open', 'RUB', '2025-01-31T21:00Z', '2025-02-14T21:00Z', '2025-02-01', '2025-02-28', 50300, 10060, 0, 60360, null, now()),
  ('N', 'N-N', 'c2', null, 'paid', 'USD', '2025-03-15T09:00Z', '2025-03-30T09:00Z', null, null, 10000, 0, 0, 10000, null, now()),
  ('V', 'N-V', 'c1', null, 'void', 'RUB', '2025-02-10T09:00Z', '2025-02-24T09:00Z', '2025-02-01', '2025-02-28', 7000, 0, 0, 7000, '2025-02-11T09:00Z', now())`;

const LINES = `INSERT INTO billing.invoice_lines (id, invoice_id, kind, service, description, quantity, amount_minor, tax_minor, period_start, period_end, updated_at) VALUES
  ('y1a', 'Y1', 'recurring', 'saas', 'Yearly plan', 1, 120000, 24000, '2025-01-01', '2025-12-31', now()),
  ('y1b', 'Y1', 'discount', null, 'Loyalty discount', 1, -12000, -2400, '2025-01-01', '2025-12-31', now()),
  ('m1a', 'M1', 'recurring', 'mobile', 'February fee', 1, 45000, 9000, '2025-02-01', '2025-02-28', now()),
  ('m1b', 'M1', 'usage', 'voice', 'January minutes', 100, 5000, 1000, '2025-01-01', '2025-01-31', now()),
  ('m1c', 'M1', 'late_fee', null, 'Late fee', 1, 300, 60, null, null, now()),
  ('v1', 'V', 'one_off', null, 'Installation', 1, 7000, 0, null, null, now())`;

const PAYMENTS = `INSERT INTO billing.payments (id, customer_id, received_at, amount_minor, currency, method, status, refunded_minor, refunded_at, updated_at) VALUES
  ('p1', 'c1', '2025-02-10T10:00Z', 129600, 'RUB', 'card', 'succeeded', 0, null, now()),
  ('p2', 'c2', '2025-03-20T10:00Z', 11000, 'USD', 'card', 'succeeded', 1000, '2025-04-02T10:00Z', now())`;

const ALLOCATIONS = `INSERT INTO billing.payment_allocations (id, payment_id, invoice_id, amount_minor, allocated_at, updated_at) VALUES
  ('a1', 'p1', 'Y1', 129600, '2025-02-10T10:00Z', now()),
  ('a2', 'p2', 'N', 10000, '2025-03-20T10:00Z', now())`;

const CREDIT_NOTES = `INSERT INTO billing.credit_notes (id, number, invoice_id, customer_id, issued_at, currency, amount_minor, reason, status, updated_at) VALUES
  ('n1', 'CN-1', 'M1', 'c1', '2025-04-10T09:00Z', 'RUB', 500, 'write_off', 'issued', now()),
  ('n2', 'CN-2', 'M1', 'c1', '2025-04-11T09:00Z', 'RUB', 100, 'goodwill', 'issued', now())`;

// Yearly plan recognised by day (365 days), each line rounded cumulatively: fee 1,200.00 and discount −120.00.
const Y1_FEE = [10192n, 9205n, 10192n, 9863n, 10192n, 9863n, 10192n, 10191n, 9863n, 10192n, 9863n, 10192n];
const Y1_DISCOUNT = [-1019n, -921n, -1019n, -986n, -1019n, -987n, -1019n, -1019n, -986n, -1020n, -986n, -1019n];

let fixture: ReceivablesFixture;

beforeAll(async () => {
  fixture = await openReceivablesFixture([CUSTOMERS, INVOICES, LINES, PAYMENTS, ALLOCATIONS, CREDIT_NOTES]);
}, 120_000);

afterAll(async () => {
  await fixture?.close();
});

const context = { now: new Date('2025-12-15T00:00:00Z'), timezone: 'Europe/Moscow' };
const input = (query: string) => parseIncomeInput(new URLSearchParams(query));

describe('income statement marts', () => {
  it('quarantines nothing in the hand-made history', () => {
    expect(fixture.rowsQuarantined).toBe(0);
  });

  it('splits invoiced lines by kind in the month issued and recognises each line by day over its period', async () => {
    const rows = await queryIncomeMonths(fixture.warehouse, { to: '2025-12' as MonthString, currency: 'RUB' });
    const month = (m: string) => rows.find((r) => r.month === m)!.amounts;
    expect(month('2025-01')).toMatchObject({ recurring_minor: 120000n, discounts_minor: -12000n, usage_minor: 0n, invoiced_net_minor: 108000n });
    expect(month('2025-02')).toMatchObject({ recurring_minor: 45000n, usage_minor: 5000n, late_fees_minor: 300n, invoiced_net_minor: 50300n, tax_minor: 10060n });
    // January: the yearly plan's January share plus January usage billed in February.
    expect(month('2025-01').recognised_minor).toBe(Y1_FEE[0]! + Y1_DISCOUNT[0]! + 5000n);
    // February: the yearly plan's share, the February fee and the late fee (over M1's service period).
    expect(month('2025-02').recognised_minor).toBe(Y1_FEE[1]! + Y1_DISCOUNT[1]! + 45000n + 300n);
    for (let m = 3; m <= 12; m++) {
      expect(month(`2025-${String(m).padStart(2, '0')}`).recognised_minor).toBe(Y1_FEE[m - 1]! + Y1_DISCOUNT[m - 1]!);
    }
    // Everything invoiced is recognised by the end of the service periods, to the minor unit; the void invoice never counts.
    expect(rows.reduce((sum, r) => sum + r.amounts.recognised_minor, 0n)).toBe(108000n + 50300n);
    expect(month('2025-12').deferred_minor).toBe(0n);
    // Deferred at the end of January: invoiced 1,080.00, recognised 91.73 + 50.00 (usage) → 938.27 still to deliver.
    expect(month('2025-01').deferred_minor).toBe(108000n - (Y1_FEE[0]! + Y1_DISCOUNT[0]! + 5000n));
    expect(month('2025-04')).toMatchObject({ credit_notes_minor: 600n, write_offs_minor: 500n });
    expect(month('2025-02')).toMatchObject({ collected_minor: 129600n, refunds_minor: 0n, net_collected_minor: 129600n });
  });

  it('recognises a line-less invoice in the month it was issued', async () => {
    const rows = await queryIncomeMonths(fixture.warehouse, { to: '2025-12' as MonthString, currency: 'USD' });
    const march = rows.find((r) => r.month === '2025-03')!.amounts;
    expect(march).toMatchObject({ invoiced_net_minor: 10000n, recognised_minor: 10000n, recurring_minor: 0n, collected_minor: 11000n, deferred_minor: 0n });
    expect(rows.find((r) => r.month === '2025-04')!.amounts.refunds_minor).toBe(1000n);
  });
});

describe('loadIncomeStatement', () => {
  it('groups months into quarters, carries the deferred balance, and compares with the previous period', async () => {
    const statement = (await loadIncomeStatement(fixture.warehouse, new FxRateBook([]), input('from=2025-04&to=2025-09&currency=RUB&granularity=quarter'), context))!;
    expect(statement.periods.map((p) => p.label)).toEqual(['2025-Q2', '2025-Q3']);
    const q2 = statement.periods[0]!.amounts;
    expect(q2.recognised_minor).toBe([3, 4, 5].reduce((s, i) => s + Y1_FEE[i]! + Y1_DISCOUNT[i]!, 0n));
    expect(q2.invoiced_net_minor).toBe(0n);
    // Months without rows keep the balance: deferred at the end of June = all invoiced − recognised Jan–Jun.
    const recognisedToJune = [0, 1, 2, 3, 4, 5].reduce((s, i) => s + Y1_FEE[i]! + Y1_DISCOUNT[i]!, 0n) + 5000n + 45000n + 300n;
    expect(q2.deferred_minor).toBe(108000n + 50300n - recognisedToJune);
    expect(statement.total.deferred_minor).toBe(statement.periods[1]!.amounts.deferred_minor);
    expect(statement.comparison).toMatchObject({ from: '2024-10', to: '2025-03' });
    expect(statement.comparison.total.invoiced_net_minor).toBe(108000n + 50300n);
    expect(statement.rates).toEqual([]);
  });

  it('marks a quarter the range cuts short', async () => {
    const statement = (await loadIncomeStatement(fixture.warehouse, new FxRateBook([]), input('from=2025-02&to=2025-06&currency=RUB&granularity=quarter'), context))!;
    expect(statement.periods.map((p) => p.label)).toEqual(['2025-Q1 (2 of 3 mo)', '2025-Q2']);
  });

  it('converts each currency at the closing rate of each month and lists the rates used', async () => {
    const rates = new FxRateBook([
      { date: '2025-02-28', currency: 'USD', quote: 'RUB', rate: '88', source: 'test' },
      { date: '2025-03-31', currency: 'USD', quote: 'RUB', rate: '90.5', source: 'test' },
    ]);
    const statement = (await loadIncomeStatement(fixture.warehouse, rates, input('from=2025-03&to=2025-04&reporting=RUB'), context))!;
    expect(statement.filters).toMatchObject({ currency: 'RUB', converted: true });
    const [march, april] = statement.periods.map((p) => p.amounts);
    // 100.00 USD × 90.5 = 9,050.00 RUB, plus the yearly plan's RUB March share.
    expect(march!.invoiced_net_minor).toBe(905000n);
    expect(march!.recognised_minor).toBe(905000n + Y1_FEE[2]! + Y1_DISCOUNT[2]!);
    // April's USD refund (10.00) at the latest rate on or before 30 April (31 March: 90.5).
    expect(april!.refunds_minor).toBe(90500n);
    expect(statement.rates.map((r) => [r.month, r.currency, r.rateText, r.date])).toEqual([
      ['2025-03', 'USD', '90.5', '2025-03-31'],
      ['2025-04', 'USD', '90.5', '2025-03-31'],
    ]);
  });

  it('refuses to convert without a rate, naming the pair and the day', async () => {
    await expect(loadIncomeStatement(fixture.warehouse, new FxRateBook([]), input('from=2025-03&to=2025-03&reporting=RUB'), context)).rejects.toThrow(/no USD→RUB exchange rate dated on or before 2025-03-31/);
  });
});
