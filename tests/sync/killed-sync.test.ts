import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSync } from '../../pipelines/sync/run-sync.ts';
import { createTestBillingDatabase, type TestBillingDatabase } from '../support/billing-database.ts';
import { openTestWarehouse, tempDataDir, warehouseFingerprint } from '../support/warehouse.ts';

const TZ = 'Europe/Moscow';
const ROOT = path.resolve(import.meta.dirname, '../..');

interface SyncProcess {
  /** Resolves with the exit signal or code. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** What the process wrote to stderr, for failure messages. */
  stderr(): string;
}

/** `npm run sync` as a separate process; optionally SIGKILLed the moment it reports `killAt`. */
function syncProcess(env: Record<string, string>, killAt?: { phase: string; table?: string }): SyncProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'pipelines/sync/cli.ts', '--full'], {
    cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const lines = readline.createInterface({ input: child.stdout! });
  lines.on('line', (line) => {
    if (!killAt || !line.startsWith('{')) return;
    const event = JSON.parse(line) as { event: string; phase?: string; table?: string | null };
    if (event.event === 'sync.phase' && event.phase === killAt.phase && (killAt.table === undefined || event.table === killAt.table)) {
      child.kill('SIGKILL');
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { exited, stderr: () => stderr };
}

describe('a sync killed with SIGKILL', () => {
  let billing: TestBillingDatabase;
  const tmp = tempDataDir();
  let env: Record<string, string>;
  let before: Record<string, string>;

  beforeAll(async () => {
    billing = await createTestBillingDatabase();
    await billing.seed({ scale: 'S', seed: 11, asOf: new Date('2026-11-20T09:30:00Z'), timezone: TZ });
    env = { BILLING_DATABASE_URL: billing.url, LEDGERLENS_DATA_DIR: tmp.dir, LEDGERLENS_TIMEZONE: TZ };
    const warehouse = await openTestWarehouse(tmp.dir);
    await runSync({ source: billing.pool, warehouse, timezone: TZ, workDir: path.join(tmp.dir, 'tmp'), mode: 'full' });
    before = await warehouseFingerprint(warehouse);
    warehouse.close();
    // change the source so that a finished sync would differ from the snapshot we hold
    await billing.pool.query("UPDATE billing.invoices SET status = 'void', updated_at = now() WHERE id IN (SELECT id FROM billing.invoices WHERE status = 'open' ORDER BY id LIMIT 20)");
    await billing.pool.query("DELETE FROM billing.usage_records WHERE id IN (SELECT id FROM billing.usage_records ORDER BY id LIMIT 100)");
  });
  afterAll(async () => {
    await billing?.drop();
    tmp.remove();
  });

  const killPoints = [
    { phase: 'extract', table: 'invoices' },
    { phase: 'extract', table: 'usage_records' },
    { phase: 'reconcile' },
    { phase: 'models' },
  ];
  for (const point of killPoints) {
    it(`leaves the previous snapshot intact when killed at ${point.phase}${point.table ? ` of ${point.table}` : ''}`, async () => {
      const child = syncProcess(env, point);
      expect((await child.exited).signal, child.stderr()).toBe('SIGKILL');
      const warehouse = await openTestWarehouse(tmp.dir);
      try {
        expect(await warehouseFingerprint(warehouse)).toEqual(before);
        const [last] = await warehouse.query<{ status: string }>('SELECT status FROM meta.sync_runs ORDER BY run_id DESC LIMIT 1');
        expect(last!.status).toBe('running');
      } finally {
        warehouse.close();
      }
    });
  }

  it('the next sync succeeds, publishes the new data and marks the killed runs abandoned', async () => {
    const child = syncProcess(env);
    expect(await child.exited, child.stderr()).toEqual({ code: 0, signal: null });
    const warehouse = await openTestWarehouse(tmp.dir);
    try {
      const runs = await warehouse.query<{ status: string }>('SELECT status FROM meta.sync_runs ORDER BY run_id');
      expect(runs.map((r) => r.status)).toEqual(['succeeded', 'abandoned', 'abandoned', 'abandoned', 'abandoned', 'succeeded']);
      const leftovers = await warehouse.query("SELECT table_name FROM information_schema.tables WHERE table_name LIKE '%__loading'");
      expect(leftovers).toEqual([]);
      const after = await warehouseFingerprint(warehouse);
      expect(after['raw.usage_records']).not.toEqual(before['raw.usage_records']);
      const { rows } = await billing.pool.query<{ n: bigint }>('SELECT count(*) AS n FROM billing.usage_records');
      const [{ n }] = await warehouse.query<{ n: bigint }>('SELECT count(*) AS n FROM raw.usage_records');
      expect(n).toBe(rows[0]!.n);
    } finally {
      warehouse.close();
    }
  });
});
