import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agingReport } from '../../app/lib/server/receivables/aging.ts';
import { badDebtReserve, observedLossRates } from '../../app/lib/server/receivables/bad-debt.ts';
import { DEFAULT_BOUNDS } from '../../app/lib/server/receivables/params.ts';
import type { Warehouse } from '../../pipelines/warehouse/connection.ts';
import { openReceivablesFixture, type ReceivablesFixture } from './fixture.ts';

/**
 * Two RUB invoices issued 1 Dec 2025 (Moscow), due 15 Dec:
 *   W 10000: 2000 paid 10 Jan 2026, the remaining 8000 written off 14 May 2026 (credit note, reason write_off)
 *   P  5000: paid in full 20 Feb 2026
 * 31 Dec 2025: both 16 days past due (bucket 1–30): open 15000, later lost 8000 → 8000/15000
 * 31 Jan 2026: both 47 days past due (bucket 31–60): open 8000 + 5000, later lost 8000 → 8000/13000
 */
const SQL = [
  `INSERT INTO billing.customers (id, name, segment, region, currency, created_at, updated_at) VALUES ('c1', 'Петров Павел', 'consumer', 'Urals', 'RUB', '2025-01-01Z', now())`,
  `INSERT INTO billing.invoices (id, number, customer_id, status, currency, issued_at, due_at, subtotal_minor, tax_minor, credits_applied_minor, total_minor, updated_at) VALUES
    ('W', 'N-W', 'c1', 'uncollectible', 'RUB', '2025-11-30T21:00Z', '2025-12-14T21:00Z', 10000, 0, 0, 10000, now()),
    ('P', 'N-P', 'c1', 'paid', 'RUB', '2025-11-30T21:00Z', '2025-12-14T21:00Z', 5000, 0, 0, 5000, now())`,
  `INSERT INTO billing.payments (id, customer_id, received_at, amount_minor, currency, method, status, refunded_minor, updated_at) VALUES
    ('pW', 'c1', '2026-01-10T09:00Z', 2000, 'RUB', 'card', 'succeeded', 0, now()),
    ('pP', 'c1', '2026-02-20T09:00Z', 5000, 'RUB', 'card', 'succeeded', 0, now())`,
  `INSERT INTO billing.payment_allocations (id, payment_id, invoice_id, amount_minor, allocated_at, updated_at) VALUES
    ('aW', 'pW', 'W', 2000, '2026-01-10T09:00Z', now()), ('aP', 'pP', 'P', 5000, '2026-02-20T09:00Z', now())`,
  `INSERT INTO billing.credit_notes (id, number, invoice_id, customer_id, issued_at, currency, amount_minor, reason, status, updated_at) VALUES
    ('wW', 'CN-W', 'W', 'c1', '2026-05-14T09:00Z', 'RUB', 8000, 'write_off', 'issued', now())`,
];

describe('bad-debt reserve from the write-off history', () => {
  let fixture: ReceivablesFixture;
  let warehouse: Warehouse;

  beforeAll(async () => {
    fixture = await openReceivablesFixture(SQL);
    warehouse = fixture.warehouse;
    expect(fixture.rowsQuarantined).toBe(0);
  });
  afterAll(async () => {
    await fixture?.close();
  });

  it('observes the loss rate of each bucket from what was later written off', async () => {
    const rates = await observedLossRates(warehouse, ['2025-12-31', '2026-01-31'], DEFAULT_BOUNDS.due_date);
    expect(rates).toEqual([
      { currency: 'RUB', bucket: 1, openMinor: 15000n, lostMinor: 8000n, rate: 0.533333 },
      { currency: 'RUB', bucket: 2, openMinor: 13000n, lostMinor: 8000n, rate: 0.615384 },
    ]);
  });

  it('reserves each bucket × its rate, rounded half up to the minor unit', async () => {
    const report = await agingReport(warehouse, { asOf: '2026-01-31', basis: 'due_date', bounds: DEFAULT_BOUNDS.due_date, groupBy: 'currency' });
    const lines = badDebtReserve(report, new Map([['RUB', [0.01, 0.05, 0.615384, 0.5, 0.75, 1]]]));
    expect(lines.filter((l) => l.openMinor > 0n)).toEqual([{ currency: 'RUB', bucket: 2, openMinor: 13000n, rate: 0.615384, reserveMinor: 8000n }]);
    expect(() => badDebtReserve(report, new Map([['RUB', [1.5]]]))).toThrow(expect.objectContaining({ code: 'BAD_BUCKETS' }));
  });
});
