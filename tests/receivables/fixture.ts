/**
 * The hand-made billing history of the receivables tests (aging, trend), loaded into a fresh test
 * billing database and synced into a warehouse of its own.
 */
import path from 'node:path';
import { runSync } from '../../pipelines/sync/run-sync.ts';
import type { Warehouse } from '../../pipelines/warehouse/connection.ts';
import { createTestBillingDatabase, type TestBillingDatabase } from '../support/billing-database.ts';
import { openTestWarehouse, tempDataDir } from '../support/warehouse.ts';

/**
 * A tiny billing history, every figure computed by hand. Business time zone Europe/Moscow (UTC+3):
 * "end of 31 March" is 2026-03-31T21:00Z.
 *   A  RUB 10000, due 10 Mar; 4000 applied 5 Mar, 6000 applied 10 Apr (after the as-of date) → 6000 open, 21 dpd
 *   B  RUB  5000, due 15 Jan; credit note 1000 on 1 Feb → 4000 open, 75 dpd
 *   C  RUB  3000, issued 20 Mar, due 5 Apr → 3000 current
 *   D  RUB  2000, due 15 Feb, voided 2 Apr → open on 31 Mar (44 dpd), gone by 30 Apr
 *   E  USD   700, due 15 Oct 2025 → 167 dpd
 *   F  RUB  1000 paid by an over-payment of 1500 (500 refunded) → not open
 *   H  RUB   800, due 1 Mar; paid 2026-03-31T22:00Z = 1 Apr 01:00 Moscow → open on 31 Mar (30 dpd), not on 1 Apr
 */
export const CUSTOMERS = `INSERT INTO billing.customers (id, name, email, phone, segment, region, currency, created_at, updated_at) VALUES
  ('c_rub1', 'Иванов Иван', null, null, 'consumer', 'Moscow', 'RUB', '2025-01-01Z', now()),
  ('c_rub2', 'ООО "Вектор"', null, null, 'smb', 'Volga', 'RUB', '2025-01-01Z', now()),
  ('c_usd', 'Acme Inc.', null, null, 'enterprise', 'International', 'USD', '2025-01-01Z', now())`;

const inv = (id: string, customer: string, currency: string, status: string, issued: string, due: string, total: number, voided: string | null = null) =>
  `('${id}', 'N-${id}', '${customer}', null, '${status}', '${currency}', '${issued}', '${due}', null, null, ${total}, 0, 0, ${total}, ${voided ? `'${voided}'` : 'null'}, now())`;

export const INVOICES = `INSERT INTO billing.invoices (id, number, customer_id, subscription_id, status, currency, issued_at, due_at, service_period_start,
  service_period_end, subtotal_minor, tax_minor, credits_applied_minor, total_minor, voided_at, updated_at) VALUES
  ${inv('A', 'c_rub1', 'RUB', 'paid', '2026-02-28T21:00Z', '2026-03-09T21:00Z', 10000)},
  ${inv('B', 'c_rub2', 'RUB', 'open', '2025-12-31T21:00Z', '2026-01-14T21:00Z', 5000)},
  ${inv('C', 'c_rub1', 'RUB', 'open', '2026-03-19T21:00Z', '2026-04-04T21:00Z', 3000)},
  ${inv('D', 'c_rub2', 'RUB', 'void', '2026-01-31T21:00Z', '2026-02-14T21:00Z', 2000, '2026-04-02T09:00Z')},
  ${inv('E', 'c_usd', 'USD', 'open', '2025-09-30T21:00Z', '2025-10-14T21:00Z', 700)},
  ${inv('F', 'c_rub1', 'RUB', 'paid', '2026-02-28T21:00Z', '2026-03-14T21:00Z', 1000)},
  ${inv('H', 'c_rub2', 'RUB', 'paid', '2026-02-14T21:00Z', '2026-02-28T21:00Z', 800)}`;

export const PAYMENTS = `INSERT INTO billing.payments (id, customer_id, received_at, amount_minor, currency, method, status, refunded_minor, refunded_at, updated_at) VALUES
  ('pA1', 'c_rub1', '2026-03-05T10:00Z', 4000, 'RUB', 'card', 'succeeded', 0, null, now()),
  ('pA2', 'c_rub1', '2026-04-10T10:00Z', 6000, 'RUB', 'card', 'succeeded', 0, null, now()),
  ('pF', 'c_rub1', '2026-03-10T10:00Z', 1500, 'RUB', 'card', 'succeeded', 500, '2026-03-20T10:00Z', now()),
  ('pH', 'c_rub2', '2026-03-31T22:00Z', 800, 'RUB', 'bank_transfer', 'succeeded', 0, null, now())`;

export const ALLOCATIONS = `INSERT INTO billing.payment_allocations (id, payment_id, invoice_id, amount_minor, allocated_at, updated_at) VALUES
  ('aA1', 'pA1', 'A', 4000, '2026-03-05T10:00Z', now()),
  ('aA2', 'pA2', 'A', 6000, '2026-04-10T10:00Z', now()),
  ('aF', 'pF', 'F', 1000, '2026-03-10T10:00Z', now()),
  ('aH', 'pH', 'H', 800, '2026-03-31T22:00Z', now())`;

export const CREDIT_NOTES = `INSERT INTO billing.credit_notes (id, number, invoice_id, customer_id, issued_at, currency, amount_minor, reason, status, updated_at) VALUES
  ('nB', 'CN-B', 'B', 'c_rub2', '2026-02-01T09:00Z', 'RUB', 1000, 'goodwill', 'issued', now())`;

/** Every statement of the fixture, in insertion order. */
export const RECEIVABLES_FIXTURE_SQL = [CUSTOMERS, INVOICES, PAYMENTS, ALLOCATIONS, CREDIT_NOTES] as const;

export interface ReceivablesFixture {
  readonly billing: TestBillingDatabase;
  readonly warehouse: Warehouse;
  /** The warehouse file, for code that opens connections of its own (e.g. for temp tables). */
  readonly warehouseFile: string;
  readonly rowsQuarantined: number;
  close(): Promise<void>;
}

/**
 * A fixture (by default the one above) in a new billing database, fully synced (business time zone
 * Europe/Moscow) into a new warehouse.
 */
export async function openReceivablesFixture(statements: readonly string[] = RECEIVABLES_FIXTURE_SQL): Promise<ReceivablesFixture> {
  const tmp = tempDataDir();
  const billing = await createTestBillingDatabase();
  for (const sql of statements) await billing.pool.query(sql);
  const warehouse = await openTestWarehouse(tmp.dir);
  const result = await runSync({ source: billing.pool, warehouse, timezone: 'Europe/Moscow', workDir: path.join(tmp.dir, 'tmp'), mode: 'full' });
  return {
    billing,
    warehouse,
    warehouseFile: path.join(tmp.dir, 'warehouse.duckdb'),
    rowsQuarantined: result.rowsQuarantined,
    async close() {
      warehouse.close();
      await billing.drop();
      tmp.remove();
    },
  };
}
