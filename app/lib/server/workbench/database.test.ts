import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/support/test-database.ts';
import { migrateWorkbench, openWorkbench } from './database.ts';
import { WorkbenchUnavailableError } from './errors.ts';
import { WORKBENCH_MIGRATIONS } from './migrations/index.ts';

const TABLES = [
  'api_tokens', 'audit_log', 'case_events', 'case_notes', 'cases', 'churn_score_runs', 'churn_scores', 'collection_actions', 'contact_log', 'escalation_policies', 'forecasts', 'fx_rates', 'invites', 'invoice_disputes', 'ladder_replay_runs', 'ladder_replay_steps', 'outbox', 'promises_to_pay', 'rate_table_entries', 'rate_tables', 'report_deliveries', 'report_schedules', 'retention_bonus_outbox', 'retention_bonus_settings', 'retention_bonuses', 'saved_views', 'sessions', 'staff', 'webhook_deliveries', 'webhook_endpoints',
];

describe('workbench database', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  async function workbenchTables(): Promise<string[]> {
    const { rows } = await database.pool.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'workbench' AND table_name NOT LIKE 'kysely%' ORDER BY 1",
    );
    return rows.map((r) => r.name);
  }

  it('migrates up from an empty database, down to nothing, and up again', async () => {
    const wb = await openWorkbench({ dataDir: os.tmpdir(), workbenchDatabaseUrl: database.url }, { migrate: false });
    try {
      expect(await workbenchTables()).toEqual([]);
      const up = await migrateWorkbench(wb.db, 'latest');
      expect(up.results?.map((r) => [r.migrationName, r.direction, r.status])).toEqual(Object.keys(WORKBENCH_MIGRATIONS).map((m) => [m, 'Up', 'Success']));
      expect(await workbenchTables()).toEqual(TABLES);
      expect((await migrateWorkbench(wb.db, 'latest')).results).toEqual([]);
      await migrateWorkbench(wb.db, null);
      expect(await workbenchTables()).toEqual([]);
      const { rows } = await database.pool.query("SELECT count(*)::int AS n FROM pg_proc WHERE proname = 'reject_history_change'");
      expect(rows[0].n).toBe(0);
      await migrateWorkbench(wb.db, 'latest');
      expect(await workbenchTables()).toEqual(TABLES);
    } finally {
      await wb.close();
    }
  });

  it('runs pending migrations at open and brings back bigint ids, Date timestamps and text dates', async () => {
    const wb = await openWorkbench({ dataDir: os.tmpdir(), workbenchDatabaseUrl: database.url });
    try {
      const staff = await wb.db.insertInto('staff').values({ name: 'Anna', email: 'anna@example.com' }).returningAll().executeTakeFirstOrThrow();
      expect(typeof staff.id).toBe('bigint');
      expect(staff.created_at).toBeInstanceOf(Date);
      expect(staff.role).toBe('collector');
      const { rows } = await sql<{ day: string; at: Date; big: bigint }>`SELECT '2026-03-31'::date AS day, '2026-03-31 23:30:00.5+03'::timestamptz AS at, 9007199254740993::int8 AS big`.execute(wb.db);
      expect(rows[0]).toEqual({ day: '2026-03-31', at: new Date('2026-03-31T20:30:00.500Z'), big: 9007199254740993n });
    } finally {
      await wb.close();
    }
  });

  it('says clearly when WORKBENCH_DATABASE_URL does not answer, without printing the password', async () => {
    const open = openWorkbench({ dataDir: os.tmpdir(), workbenchDatabaseUrl: 'postgres://ledger:s3cret@127.0.0.1:1/workbench' });
    await expect(open).rejects.toBeInstanceOf(WorkbenchUnavailableError);
    await expect(open).rejects.toThrow(/Could not connect to WORKBENCH_DATABASE_URL \(postgres:\/\/ledger:\*\*\*@127\.0\.0\.1:1\/workbench\)/);
    await expect(open).rejects.not.toThrow(/s3cret/);
  });

  it('defaults to an embedded PGlite under <dataDir>/workbench that keeps its data', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerlens-workbench-'));
    try {
      const first = await openWorkbench({ dataDir, workbenchDatabaseUrl: null });
      expect(first.embedded).toBe(true);
      await first.db.insertInto('staff').values({ name: 'Boris', email: 'boris@example.com' }).execute();
      await first.close();
      await first.close();
      expect(fs.existsSync(path.join(dataDir, 'workbench'))).toBe(true);
      const again = await openWorkbench({ dataDir, workbenchDatabaseUrl: null });
      try {
        expect(await again.db.selectFrom('staff').select('email').execute()).toEqual([{ email: 'boris@example.com' }]);
      } finally {
        await again.close();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
