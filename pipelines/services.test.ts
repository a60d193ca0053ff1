import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBillingDatabase, type TestBillingDatabase } from '../tests/support/billing-database.ts';
import { createTestDatabase, type TestDatabase } from '../tests/support/test-database.ts';
import { loadConfig } from './config.ts';
import { startServices, type SyncRunSummary } from './services.ts';

describe('startServices and the workbench', () => {
  let billing: TestBillingDatabase;
  let workbenchDb: TestDatabase;
  let dataDir: string;
  beforeAll(async () => {
    billing = await createTestBillingDatabase();
    await billing.seed({ scale: 'XS', seed: 3, asOf: new Date('2026-03-31T12:00:00Z'), timezone: 'UTC' });
    workbenchDb = await createTestDatabase();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerlens-services-'));
  });
  afterAll(async () => {
    await billing?.drop();
    await workbenchDb?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('fails to start with a clear message when the workbench database does not answer', async () => {
    const config = loadConfig({ LEDGERLENS_DATA_DIR: dataDir, BILLING_DATABASE_URL: billing.url, WORKBENCH_DATABASE_URL: 'postgres://postgres@127.0.0.1:1/workbench', LEDGERLENS_SYNC_EVERY_MINUTES: '0' });
    await expect(startServices(config, () => {})).rejects.toMatchObject({ code: 'WORKBENCH_UNAVAILABLE', message: expect.stringMatching(/^Could not connect to WORKBENCH_DATABASE_URL \(postgres:\/\/postgres@127\.0\.0\.1:1\/workbench\)/) });
  });

  it('opens the workbench (migrated) with the other services and closes it with them', async () => {
    const config = loadConfig({ LEDGERLENS_DATA_DIR: dataDir, BILLING_DATABASE_URL: billing.url, WORKBENCH_DATABASE_URL: workbenchDb.url, LEDGERLENS_SYNC_EVERY_MINUTES: '0' });
    const events: Record<string, unknown>[] = [];
    const afterSync: SyncRunSummary[] = [];
    const services = await startServices(config, (e) => events.push(e), {
      afterSync: async (summary) => {
        afterSync.push(summary);
        if (afterSync.length > 1) throw new Error('collections run failed');
      },
    });
    try {
      expect(events).toContainEqual({ event: 'workbench.ready', embedded: false });
      // Called after the first sync; a failing hook is logged and the sync still succeeds.
      expect(afterSync).toEqual([expect.objectContaining({ mode: 'full', status: 'succeeded' })]);
      const again = await services.sync('incremental');
      expect(again.status).toBe('succeeded');
      expect(afterSync.map((s) => s.runId)).toEqual([afterSync[0]!.runId, again.runId]);
      expect(events).toContainEqual({ event: 'sync.after_failed', runId: again.runId, error: 'collections run failed' });
      expect(await services.workbench.db.selectFrom('cases').selectAll().execute()).toEqual([]);
    } finally {
      await services.close();
    }
    await expect(services.workbench.db.selectFrom('cases').selectAll().execute()).rejects.toThrow();
  });
});
