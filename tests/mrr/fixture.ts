/**
 * Hand-made subscription histories of the MRR tests, loaded into a fresh test billing database and
 * synced (the real sync, business time zone Europe/Moscow, UTC+3) into a warehouse of their own.
 *
 * Month closes are 00:00 Moscow on the 1st, i.e. 21:00Z on the last day of the month. MRR of each
 * subscription = price per billing period / months in it, rounded half away from zero.
 *   c1 RUB  BASIC 10000 from 10 Jan; upgrade mid-February to PRO 25000; downgrade 20 Mar to STD 20000;
 *           ends 5 Apr; a new subscription (change_kind reactivation) STD 20000 from 12 Jun
 *   c2 RUB  ANNUAL yearly, 1 seat 120006 after a 6000 discount (MRR 10000.5 → 10001) from 1 Feb;
 *           3 seats 360018 from 3 May (MRR 30001.5 → 30002)
 *   c3      USD BASIC 5000 from 5 Jan to 10 Mar, then EUR BASIC 4000 from 10 Mar (a currency change)
 *   c4 RUB  TEAM 9000 from 1 Feb, in trial until 15 Mar
 *   c5 RUB  PAYG at price 0 from 1 Jan; usage invoiced 1 Feb 3000, 1 Mar 6000, 1 Apr 1500, 1 Jul 0
 *           → trailing three-month average: Feb 1000, Mar 3000, Apr 3500, May 2500, Jun 500, Jul 0
 *   c6 RUB  BASIC 8000 from 5 Jan; invoice 9600 issued 1 Feb, due 15 Feb, paid 20 Apr
 *           → 13 days past due at the February close, 44 at the March close, none at April's
 * The months run January to July 2026 (the last billing event is c5's invoice of 1 July).
 */
import path from 'node:path';
import { runSync } from '../../pipelines/sync/run-sync.ts';
import type { Warehouse } from '../../pipelines/warehouse/connection.ts';
import { createTestBillingDatabase, type TestBillingDatabase } from '../support/billing-database.ts';
import { openTestWarehouse, tempDataDir } from '../support/warehouse.ts';

const CUSTOMERS = `INSERT INTO billing.customers (id, name, email, phone, segment, region, currency, created_at, updated_at) VALUES
  ('c1', 'ООО "Ромашка"', null, null, 'smb', 'Moscow', 'RUB', '2026-01-10T09:00Z', now()),
  ('c2', 'Enterprise Two', null, null, 'enterprise', 'Volga', 'RUB', '2026-02-01T09:00Z', now()),
  ('c3', 'Globex GmbH', null, null, 'enterprise', 'International', 'EUR', '2026-01-05T09:00Z', now()),
  ('c4', 'Trial Four', null, null, 'smb', 'Moscow', 'RUB', '2026-02-01T09:00Z', now()),
  ('c5', 'Payg Five', null, null, 'consumer', 'Urals', 'RUB', '2026-01-01T09:00Z', now()),
  ('c6', 'Late Six', null, null, 'consumer', 'Volga', 'RUB', '2026-01-05T09:00Z', now())`;

const plan = (id: string, code: string, months: number, price: number, currency: string, kind = 'subscription') =>
  `('${id}', '${code}', '${code} plan', '${kind}', ${months}, ${price}, '${currency}', now())`;

const PLANS = `INSERT INTO billing.plans (id, code, name, kind, billing_period_months, price_minor, currency, updated_at) VALUES
  ${plan('basic_rub', 'BASIC', 1, 10000, 'RUB')}, ${plan('pro_rub', 'PRO', 1, 25000, 'RUB')}, ${plan('std_rub', 'STD', 1, 20000, 'RUB')},
  ${plan('annual_rub', 'ANNUAL', 12, 126006, 'RUB')}, ${plan('team_rub', 'TEAM', 1, 9000, 'RUB')}, ${plan('payg_rub', 'PAYG', 1, 0, 'RUB', 'usage')},
  ${plan('basic_usd', 'BASIC', 1, 5000, 'USD')}, ${plan('basic_eur', 'BASIC', 1, 4000, 'EUR')}, ${plan('basic8_rub', 'BASIC', 1, 8000, 'RUB')}`;

const sub = (id: string, customer: string, planId: string, status: string, started: string, trialEnds: string | null, ended: string | null) =>
  `('${id}', '${customer}', '${planId}', '${status}', '${started}', ${trialEnds ? `'${trialEnds}'` : 'null'}, ${ended ? `'${ended}'` : 'null'}, ${ended ? `'${ended}'` : 'null'}, now())`;

const SUBSCRIPTIONS = `INSERT INTO billing.subscriptions (id, customer_id, plan_id, status, started_at, trial_ends_at, canceled_at, ended_at, updated_at) VALUES
  ${sub('s1', 'c1', 'std_rub', 'canceled', '2026-01-10T09:00Z', null, '2026-04-05T09:00Z')},
  ${sub('s1b', 'c1', 'std_rub', 'active', '2026-06-12T09:00Z', null, null)},
  ${sub('s2', 'c2', 'annual_rub', 'active', '2026-02-01T09:00Z', null, null)},
  ${sub('s3u', 'c3', 'basic_usd', 'canceled', '2026-01-05T09:00Z', null, '2026-03-10T09:00Z')},
  ${sub('s3e', 'c3', 'basic_eur', 'active', '2026-03-10T09:00Z', null, null)},
  ${sub('s4', 'c4', 'team_rub', 'active', '2026-02-01T09:00Z', '2026-03-15T09:00Z', null)},
  ${sub('s5', 'c5', 'payg_rub', 'active', '2026-01-01T09:00Z', null, null)},
  ${sub('s6', 'c6', 'basic8_rub', 'active', '2026-01-05T09:00Z', null, null)}`;

const version = (id: string, subscription: string, planId: string, quantity: number, price: number, discount: number, currency: string, kind: string, from: string, to: string | null) =>
  `('${id}', '${subscription}', '${planId}', ${quantity}, ${price}, ${discount}, '${currency}', '${kind}', '${from}', ${to ? `'${to}'` : 'null'}, now())`;

const VERSIONS = `INSERT INTO billing.subscription_versions (id, subscription_id, plan_id, quantity, price_minor, discount_minor, currency, change_kind, valid_from, valid_to, updated_at) VALUES
  ${version('v1a', 's1', 'basic_rub', 1, 10000, 0, 'RUB', 'new', '2026-01-10T09:00Z', '2026-02-15T09:00Z')},
  ${version('v1b', 's1', 'pro_rub', 1, 25000, 0, 'RUB', 'upgrade', '2026-02-15T09:00Z', '2026-03-20T09:00Z')},
  ${version('v1c', 's1', 'std_rub', 1, 20000, 0, 'RUB', 'downgrade', '2026-03-20T09:00Z', '2026-04-05T09:00Z')},
  ${version('v1d', 's1b', 'std_rub', 1, 20000, 0, 'RUB', 'reactivation', '2026-06-12T09:00Z', null)},
  ${version('v2a', 's2', 'annual_rub', 1, 120006, 6000, 'RUB', 'new', '2026-02-01T09:00Z', '2026-05-03T09:00Z')},
  ${version('v2b', 's2', 'annual_rub', 3, 360018, 18000, 'RUB', 'quantity', '2026-05-03T09:00Z', null)},
  ${version('v3u', 's3u', 'basic_usd', 1, 5000, 0, 'USD', 'new', '2026-01-05T09:00Z', '2026-03-10T09:00Z')},
  ${version('v3e', 's3e', 'basic_eur', 1, 4000, 0, 'EUR', 'new', '2026-03-10T09:00Z', null)},
  ${version('v4', 's4', 'team_rub', 1, 9000, 0, 'RUB', 'new', '2026-02-01T09:00Z', null)},
  ${version('v5', 's5', 'payg_rub', 1, 0, 0, 'RUB', 'new', '2026-01-01T09:00Z', null)},
  ${version('v6', 's6', 'basic8_rub', 1, 8000, 0, 'RUB', 'new', '2026-01-05T09:00Z', null)}`;

const invoice = (id: string, customer: string, subscription: string, status: string, issued: string, due: string, subtotal: number, tax: number) =>
  `('${id}', 'N-${id}', '${customer}', '${subscription}', '${status}', 'RUB', '${issued}', '${due}', null, null, ${subtotal}, ${tax}, 0, ${subtotal + tax}, null, now())`;

const INVOICES = `INSERT INTO billing.invoices (id, number, customer_id, subscription_id, status, currency, issued_at, due_at, service_period_start,
  service_period_end, subtotal_minor, tax_minor, credits_applied_minor, total_minor, voided_at, updated_at) VALUES
  ${invoice('i5feb', 'c5', 's5', 'paid', '2026-01-31T21:00Z', '2026-02-14T09:00Z', 3000, 0)},
  ${invoice('i5mar', 'c5', 's5', 'paid', '2026-02-28T21:00Z', '2026-03-14T09:00Z', 6000, 0)},
  ${invoice('i5apr', 'c5', 's5', 'paid', '2026-03-31T21:00Z', '2026-04-14T09:00Z', 1500, 0)},
  ${invoice('i5jul', 'c5', 's5', 'paid', '2026-06-30T21:00Z', '2026-07-14T09:00Z', 0, 0)},
  ${invoice('i6feb', 'c6', 's6', 'paid', '2026-01-31T21:00Z', '2026-02-15T09:00Z', 8000, 1600)}`;

const usageLine = (id: string, invoiceId: string, amount: number) =>
  `('${id}', '${invoiceId}', 'usage', 'data', 'Data usage', 1, ${amount}, 0, null, null, now())`;

const LINES = `INSERT INTO billing.invoice_lines (id, invoice_id, kind, service, description, quantity, amount_minor, tax_minor, period_start, period_end, updated_at) VALUES
  ${usageLine('l5feb', 'i5feb', 3000)}, ${usageLine('l5mar', 'i5mar', 6000)}, ${usageLine('l5apr', 'i5apr', 1500)}, ${usageLine('l5jul', 'i5jul', 0)},
  ('l6feb', 'i6feb', 'recurring', 'saas', 'BASIC', 1, 8000, 1600, null, null, now())`;

const PAYMENTS = `INSERT INTO billing.payments (id, customer_id, received_at, amount_minor, currency, method, status, refunded_minor, refunded_at, updated_at) VALUES
  ('p5feb', 'c5', '2026-02-02T09:00Z', 3000, 'RUB', 'card', 'succeeded', 0, null, now()),
  ('p5mar', 'c5', '2026-03-02T09:00Z', 6000, 'RUB', 'card', 'succeeded', 0, null, now()),
  ('p5apr', 'c5', '2026-04-02T09:00Z', 1500, 'RUB', 'card', 'succeeded', 0, null, now()),
  ('p6', 'c6', '2026-04-20T10:00Z', 9600, 'RUB', 'card', 'succeeded', 0, null, now())`;

const ALLOCATIONS = `INSERT INTO billing.payment_allocations (id, payment_id, invoice_id, amount_minor, allocated_at, updated_at) VALUES
  ('a5feb', 'p5feb', 'i5feb', 3000, '2026-02-02T09:00Z', now()),
  ('a5mar', 'p5mar', 'i5mar', 6000, '2026-03-02T09:00Z', now()),
  ('a5apr', 'p5apr', 'i5apr', 1500, '2026-04-02T09:00Z', now()),
  ('a6', 'p6', 'i6feb', 9600, '2026-04-20T10:00Z', now())`;

export const MRR_FIXTURE_SQL = [CUSTOMERS, PLANS, SUBSCRIPTIONS, VERSIONS, INVOICES, LINES, PAYMENTS, ALLOCATIONS] as const;

export interface MrrFixture {
  readonly billing: TestBillingDatabase;
  readonly warehouse: Warehouse;
  readonly rowsQuarantined: number;
  close(): Promise<void>;
}

/** The histories above in a new billing database, fully synced into a new warehouse. */
export async function openMrrFixture(statements: readonly string[] = MRR_FIXTURE_SQL): Promise<MrrFixture> {
  const tmp = tempDataDir();
  const billing = await createTestBillingDatabase();
  for (const sql of statements) await billing.pool.query(sql);
  const warehouse = await openTestWarehouse(tmp.dir);
  const result = await runSync({ source: billing.pool, warehouse, timezone: 'Europe/Moscow', workDir: path.join(tmp.dir, 'tmp'), mode: 'full' });
  return {
    billing,
    warehouse,
    rowsQuarantined: result.rowsQuarantined,
    async close() {
      warehouse.close();
      await billing.drop();
      tmp.remove();
    },
  };
}
