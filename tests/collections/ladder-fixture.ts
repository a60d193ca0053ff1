/**
 * The billing history of the ladder tests, every figure computed by hand. Business time zone
 * Europe/Moscow (UTC+3): a day ends at 21:00Z.
 *
 *   c1 (consumer, RUB)
 *     I1  10000, due 10 Jan 2026; paid in full 25 Jan
 *     I2   5000, due 10 Jan 2026; 4990 paid 15 Jan (10 left: 0.2 %, within the 1 % tolerance)
 *     I3   3000, due 10 Jan 2026; 1000 paid 20 Feb, 1000 paid 30 Mar; 1000 still open
 *   c2 (smb, RUB)
 *     J1 100000, due 1 Dec 2025; 40002 paid 2026-03-31T20:00Z (31 Mar 23:00 Moscow);
 *                59998 written off 1 May 2026
 *   c3 (enterprise, USD)
 *     K1    700, due 1 Feb 2026; paid 5 Feb
 */
export const LADDER_BILLING_SQL = [
  `INSERT INTO billing.customers (id, name, email, phone, segment, region, currency, created_at, updated_at) VALUES
    ('c1', 'Петров Пётр', null, null, 'consumer', 'Moscow', 'RUB', '2025-01-01Z', now()),
    ('c2', 'ООО "Ромашка"', null, null, 'smb', 'Volga', 'RUB', '2025-01-01Z', now()),
    ('c3', 'Globex LLC', null, null, 'enterprise', 'International', 'USD', '2025-01-01Z', now())`,
  `INSERT INTO billing.invoices (id, number, customer_id, subscription_id, status, currency, issued_at, due_at, service_period_start,
    service_period_end, subtotal_minor, tax_minor, credits_applied_minor, total_minor, voided_at, updated_at) VALUES
    ('I1', 'N-I1', 'c1', null, 'paid', 'RUB', '2025-12-31T21:00Z', '2026-01-09T21:00Z', null, null, 10000, 0, 0, 10000, null, now()),
    ('I2', 'N-I2', 'c1', null, 'open', 'RUB', '2025-12-31T21:00Z', '2026-01-09T21:00Z', null, null, 5000, 0, 0, 5000, null, now()),
    ('I3', 'N-I3', 'c1', null, 'open', 'RUB', '2025-12-31T21:00Z', '2026-01-09T21:00Z', null, null, 3000, 0, 0, 3000, null, now()),
    ('J1', 'N-J1', 'c2', null, 'paid', 'RUB', '2025-11-14T21:00Z', '2025-11-30T21:00Z', null, null, 100000, 0, 0, 100000, null, now()),
    ('K1', 'N-K1', 'c3', null, 'paid', 'USD', '2026-01-15T21:00Z', '2026-01-31T21:00Z', null, null, 700, 0, 0, 700, null, now())`,
  `INSERT INTO billing.payments (id, customer_id, received_at, amount_minor, currency, method, status, refunded_minor, refunded_at, updated_at) VALUES
    ('p1', 'c1', '2026-01-25T10:00Z', 10000, 'RUB', 'card', 'succeeded', 0, null, now()),
    ('p2', 'c1', '2026-01-15T10:00Z', 4990, 'RUB', 'card', 'succeeded', 0, null, now()),
    ('p3a', 'c1', '2026-02-20T10:00Z', 1000, 'RUB', 'card', 'succeeded', 0, null, now()),
    ('p3b', 'c1', '2026-03-30T10:00Z', 1000, 'RUB', 'card', 'succeeded', 0, null, now()),
    ('pj', 'c2', '2026-03-31T20:00Z', 40002, 'RUB', 'bank_transfer', 'succeeded', 0, null, now()),
    ('pk', 'c3', '2026-02-05T10:00Z', 700, 'USD', 'bank_transfer', 'succeeded', 0, null, now())`,
  `INSERT INTO billing.payment_allocations (id, payment_id, invoice_id, amount_minor, allocated_at, updated_at) VALUES
    ('a1', 'p1', 'I1', 10000, '2026-01-25T10:00Z', now()),
    ('a2', 'p2', 'I2', 4990, '2026-01-15T10:00Z', now()),
    ('a3a', 'p3a', 'I3', 1000, '2026-02-20T10:00Z', now()),
    ('a3b', 'p3b', 'I3', 1000, '2026-03-30T10:00Z', now()),
    ('aj', 'pj', 'J1', 40002, '2026-03-31T20:00Z', now()),
    ('ak', 'pk', 'K1', 700, '2026-02-05T10:00Z', now())`,
  `INSERT INTO billing.credit_notes (id, number, invoice_id, customer_id, issued_at, currency, amount_minor, reason, status, updated_at) VALUES
    ('nJ', 'CN-J1', 'J1', 'c2', '2026-05-01T09:00Z', 'RUB', 59998, 'write_off', 'issued', now())`,
] as const;

/** A step staff took: who, which policy step, which invoices, approved when (UTC). */
export interface TakenStep {
  readonly customerId: string;
  readonly step: string;
  readonly kind: string;
  readonly invoiceIds: readonly string[];
  readonly approvedAt: string;
}

/** The steps approved in the workbench for the history above (the hand-made timeline). */
export const TAKEN_STEPS: readonly TakenStep[] = [
  ...['I1', 'I2', 'I3'].map((id) => ({ customerId: 'c1', step: 'reminder-1', kind: 'reminder', invoiceIds: [id], approvedAt: '2026-01-11T09:00:00Z' })),
  ...['I1', 'I3'].map((id) => ({ customerId: 'c1', step: 'reminder-2', kind: 'reminder', invoiceIds: [id], approvedAt: '2026-01-20T09:00:00Z' })),
  { customerId: 'c1', step: 'late-fee', kind: 'late_fee', invoiceIds: ['I3'], approvedAt: '2026-01-25T09:00:00Z' },
  { customerId: 'c1', step: 'suspension', kind: 'suspension', invoiceIds: ['I3'], approvedAt: '2026-02-10T09:00:00Z' },
  { customerId: 'c2', step: 'reminder-1', kind: 'reminder', invoiceIds: ['J1'], approvedAt: '2025-12-02T09:00:00Z' },
  { customerId: 'c2', step: 'reminder-2', kind: 'reminder', invoiceIds: ['J1'], approvedAt: '2025-12-11T09:00:00Z' },
  { customerId: 'c2', step: 'late-fee', kind: 'late_fee', invoiceIds: ['J1'], approvedAt: '2025-12-16T09:00:00Z' },
  { customerId: 'c2', step: 'suspension', kind: 'suspension', invoiceIds: ['J1'], approvedAt: '2025-12-31T09:00:00Z' },
  { customerId: 'c2', step: 'agency-handoff', kind: 'agency_handoff', invoiceIds: ['J1'], approvedAt: '2026-03-01T09:00:00Z' },
  { customerId: 'c3', step: 'reminder-1', kind: 'reminder', invoiceIds: ['K1'], approvedAt: '2026-02-02T09:00:00Z' },
];
