/**
 * The hand-made billing history of the usage and preferences tests, loaded into a fresh test
 * billing database and synced into a warehouse of its own. Business time zone Europe/Moscow (UTC+3).
 *
 * Subscriptions (versions valid over [from, to), Moscow local times):
 *   s1  c1 consumer Moscow  MOB-S from 10 Jan, upgraded to MOB-M on 15 Feb, still running
 *   s2  c1                  HOME-NET from 20 Jan, upgraded to HOME-NET-TV on 5 Mar, ended 1 Apr 00:00
 *   s3  c2 consumer Volga   MOB-M from 5 Jan, downgraded to MOB-S on 10 Mar, still running
 *   s4  c3 smb Moscow       MOB-M × 5 from 1 Feb 00:00 (the instant January ends), × 7 from 1 Mar
 * Usage (hourly buckets unless said; weekdays of March 2026: 6 Fri, 7 Sat, 9 Mon, 15 Sun):
 *   voice  c1 30 min Fri 6 Mar 20:00, 50 min Sat 7 Mar 20:00
 *          c2 20 min Fri 6 Mar 20:00, 10 min Mon 9 Mar 09:00
 *          c3 100 min in a DAILY bucket on Sun 15 Mar; 40 min at 00:00 on Wed 1 Apr (21:00Z on 31 Mar)
 *   data   c1 2048 MB, c2 1024.5 MB, both Fri 6 Mar 21:00
 *   sms    c1 3 messages Tue 10 Feb 13:00
 */
import path from 'node:path';
import { runSync } from '../../pipelines/sync/run-sync.ts';
import type { Warehouse } from '../../pipelines/warehouse/connection.ts';
import { createTestBillingDatabase, type TestBillingDatabase } from '../support/billing-database.ts';
import { openTestWarehouse, tempDataDir } from '../support/warehouse.ts';

export const CUSTOMERS = `INSERT INTO billing.customers (id, name, email, phone, segment, region, currency, created_at, updated_at) VALUES
  ('c1', 'Иванов Иван', null, null, 'consumer', 'Moscow', 'RUB', '2025-12-01Z', now()),
  ('c2', 'Петрова Анна', null, null, 'consumer', 'Volga', 'RUB', '2025-12-01Z', now()),
  ('c3', 'ООО "Вектор"', null, null, 'smb', 'Moscow', 'RUB', '2025-12-01Z', now())`;

const plan = (code: string, name: string, kind: string, price: number) =>
  `('plan_${code.toLowerCase().replace(/-/g, '_')}_rub', '${code}', '${name}', '${kind}', 1, ${price}, 'RUB', now())`;

export const PLANS = `INSERT INTO billing.plans (id, code, name, kind, billing_period_months, price_minor, currency, updated_at) VALUES
  ${plan('MOB-S', 'Mobile S', 'hybrid', 45000)}, ${plan('MOB-M', 'Mobile M', 'hybrid', 75000)},
  ${plan('HOME-NET', 'Home Internet 500', 'subscription', 65000)}, ${plan('HOME-NET-TV', 'Home Internet + TV', 'hybrid', 99000)}`;

export const SUBSCRIPTIONS = `INSERT INTO billing.subscriptions (id, customer_id, plan_id, status, started_at, trial_ends_at, canceled_at, ended_at, updated_at) VALUES
  ('s1', 'c1', 'plan_mob_m_rub', 'active', '2026-01-10T09:00Z', null, null, null, now()),
  ('s2', 'c1', 'plan_home_net_tv_rub', 'canceled', '2026-01-20T09:00Z', null, '2026-03-20T09:00Z', '2026-03-31T21:00Z', now()),
  ('s3', 'c2', 'plan_mob_s_rub', 'active', '2026-01-05T09:00Z', null, null, null, now()),
  ('s4', 'c3', 'plan_mob_m_rub', 'active', '2026-01-31T21:00Z', null, null, null, now())`;

const version = (id: string, sub: string, code: string, qty: number, kind: string, from: string, to: string | null) =>
  `('${id}', '${sub}', 'plan_${code.toLowerCase().replace(/-/g, '_')}_rub', ${qty}, 1000, 0, 'RUB', '${kind}', '${from}', ${to ? `'${to}'` : 'null'}, now())`;

export const VERSIONS = `INSERT INTO billing.subscription_versions (id, subscription_id, plan_id, quantity, price_minor, discount_minor, currency,
  change_kind, valid_from, valid_to, updated_at) VALUES
  ${version('v1a', 's1', 'MOB-S', 1, 'new', '2026-01-10T09:00Z', '2026-02-15T09:00Z')},
  ${version('v1b', 's1', 'MOB-M', 1, 'upgrade', '2026-02-15T09:00Z', null)},
  ${version('v2a', 's2', 'HOME-NET', 1, 'new', '2026-01-20T09:00Z', '2026-03-05T09:00Z')},
  ${version('v2b', 's2', 'HOME-NET-TV', 1, 'upgrade', '2026-03-05T09:00Z', '2026-03-31T21:00Z')},
  ${version('v3a', 's3', 'MOB-M', 1, 'new', '2026-01-05T09:00Z', '2026-03-10T09:00Z')},
  ${version('v3b', 's3', 'MOB-S', 1, 'downgrade', '2026-03-10T09:00Z', null)},
  ${version('v4a', 's4', 'MOB-M', 5, 'new', '2026-01-31T21:00Z', '2026-02-28T21:00Z')},
  ${version('v4b', 's4', 'MOB-M', 7, 'quantity', '2026-02-28T21:00Z', null)}`;

const use = (id: string, customer: string, sub: string, service: string, startUtc: string, hours: number, qty: string, unit: string) =>
  `('${id}', '${customer}', '${sub}', '${service}', '${startUtc}', ${hours}, ${qty}, '${unit}', now())`;

export const USAGE = `INSERT INTO billing.usage_records (id, customer_id, subscription_id, service, bucket_start, bucket_hours, quantity, unit, updated_at) VALUES
  ${use('u1', 'c1', 's1', 'voice', '2026-03-06T17:00Z', 1, '30', 'minute')},
  ${use('u2', 'c1', 's1', 'voice', '2026-03-07T17:00Z', 1, '50', 'minute')},
  ${use('u3', 'c2', 's3', 'voice', '2026-03-06T17:00Z', 1, '20', 'minute')},
  ${use('u4', 'c2', 's3', 'voice', '2026-03-09T06:00Z', 1, '10', 'minute')},
  ${use('u5', 'c3', 's4', 'voice', '2026-03-14T21:00Z', 24, '100', 'minute')},
  ${use('u6', 'c3', 's4', 'voice', '2026-03-31T21:00Z', 1, '40', 'minute')},
  ${use('u7', 'c1', 's1', 'data', '2026-03-06T18:00Z', 1, '2048.000', 'mb')},
  ${use('u8', 'c2', 's3', 'data', '2026-03-06T18:00Z', 1, '1024.500', 'mb')},
  ${use('u9', 'c1', 's1', 'sms', '2026-02-10T10:00Z', 1, '3', 'message')}`;

/** Every statement of the fixture, in insertion order. */
export const USAGE_FIXTURE_SQL = [CUSTOMERS, PLANS, SUBSCRIPTIONS, VERSIONS, USAGE] as const;

export interface UsageFixture {
  readonly billing: TestBillingDatabase;
  readonly warehouse: Warehouse;
  readonly rowsQuarantined: number;
  close(): Promise<void>;
}

/** The fixture above in a new billing database, fully synced (Europe/Moscow) into a new warehouse. */
export async function openUsageFixture(statements: readonly string[] = USAGE_FIXTURE_SQL): Promise<UsageFixture> {
  const tmp = tempDataDir();
  const billing = await createTestBillingDatabase();
  try {
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
  } catch (err) {
    await billing.drop();
    tmp.remove();
    throw err;
  }
}
