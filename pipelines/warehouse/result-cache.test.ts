import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from './connection.ts';
import { cachedWarehouse, isCacheable } from './result-cache.ts';

/** The read cache on a real DuckDB file, with a second connection playing the sync. */
describe('warehouse result cache', () => {
  let dir: string;
  let reads: Warehouse;
  let sync: Warehouse;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerlens-cache-'));
    reads = await openWarehouse(path.join(dir, 'w.duckdb'));
    sync = await openWarehouse(path.join(dir, 'w.duckdb'));
    await sync.exec('CREATE SCHEMA marts; CREATE SCHEMA meta; CREATE TABLE marts.t (k INT, v BIGINT); INSERT INTO marts.t VALUES (1, 10), (2, 20); CREATE TABLE meta.runs (n INT); INSERT INTO meta.runs VALUES (1)');
  });
  afterEach(() => {
    reads.close();
    sync.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const sum = async (w: Warehouse, k = 0) => (await w.query<{ s: bigint }>('SELECT sum(v) AS s FROM marts.t WHERE k > $1', [k]))[0]!.s;

  it('answers a repeated read from memory until the next sync publishes, then from the new snapshot', async () => {
    const cache = cachedWarehouse(reads);
    expect(await sum(cache)).toBe(30n);
    await sync.exec('INSERT INTO marts.t VALUES (3, 30)'); // a sync committed
    expect(await sum(cache)).toBe(30n);
    expect(await sum(cache, 1)).toBe(50n); // other parameters: another question
    expect(cache.stats).toMatchObject({ hits: 1, misses: 2 });
    cache.invalidate();
    expect(await sum(cache)).toBe(60n);
  });

  it('does not keep a result that was computed across a publish', async () => {
    const cache = cachedWarehouse(reads);
    const during = sum(cache);
    cache.invalidate();
    await during;
    await sync.exec('INSERT INTO marts.t VALUES (3, 30)');
    expect(await sum(cache)).toBe(60n);
  });

  it('never caches sync bookkeeping, clocks, random or writes, and a write through it invalidates', async () => {
    expect(isCacheable('SELECT * FROM marts.t')).toBe(true);
    expect(isCacheable('WITH x AS (SELECT 1) SELECT * FROM x')).toBe(true);
    expect(isCacheable("SELECT count(*) FROM meta.sync_runs WHERE status = 'succeeded'")).toBe(false);
    expect(isCacheable('-- grain: one row per month\nWITH m AS (SELECT 1) SELECT * FROM m')).toBe(true);
    expect(isCacheable("SELECT value FROM meta.settings WHERE key = 'timezone'")).toBe(true); // published with the snapshot
    expect(isCacheable('SELECT random()')).toBe(false);
    expect(isCacheable('INSERT INTO marts.t VALUES (9, 9)')).toBe(false);
    const cache = cachedWarehouse(reads);
    await sync.exec('CREATE TABLE meta.sync_runs AS SELECT * FROM meta.runs');
    const runs = () => cache.query<{ n: bigint }>('SELECT count(*) AS n FROM meta.sync_runs');
    expect((await runs())[0]!.n).toBe(1n);
    await sync.exec('INSERT INTO meta.sync_runs VALUES (2)');
    expect((await runs())[0]!.n).toBe(2n);
    expect(await sum(cache)).toBe(30n);
    await cache.query('INSERT INTO marts.t VALUES (4, 40)');
    expect(await sum(cache)).toBe(70n);
  });

  it('keeps a statement that reads the clock one minute at most', async () => {
    const cache = cachedWarehouse(reads);
    const clock = () => cache.query<{ s: bigint }>('SELECT sum(v) AS s FROM marts.t WHERE current_date > DATE \'2000-01-01\'');
    const realNow = Date.now;
    try {
      expect((await clock())[0]!.s).toBe(30n);
      await sync.exec('INSERT INTO marts.t VALUES (3, 30)');
      expect((await clock())[0]!.s).toBe(30n);
      Date.now = () => realNow() + 61_000;
      expect((await clock())[0]!.s).toBe(60n);
    } finally {
      Date.now = realNow;
    }
  });

  it('stays within its bounds and hands out rows a caller cannot spoil for the next', async () => {
    const cache = cachedWarehouse(reads, { maxEntries: 2, maxRowsPerEntry: 1 });
    for (const k of [0, 1, 2]) await sum(cache, k);
    expect(cache.stats.entries).toBe(2);
    const all = () => cache.query<{ k: number; v: bigint }>('SELECT * FROM marts.t ORDER BY k');
    await all();
    expect(cache.stats.entries).toBe(2); // two rows: over maxRowsPerEntry, not stored
    const first = await sum(cache, 2);
    const rows = await cache.query<{ s: bigint }>('SELECT sum(v) AS s FROM marts.t WHERE k > $1', [2]);
    (rows as { s: unknown }[])[0]!.s = 'spoiled';
    expect(await sum(cache, 2)).toBe(first);
  });

  it('runs fifty identical reads arriving together once', async () => {
    const cache = cachedWarehouse(reads);
    const answers = await Promise.all(Array.from({ length: 50 }, () => sum(cache)));
    expect(new Set(answers)).toEqual(new Set([30n]));
    expect(cache.stats.misses).toBe(1);
    expect(cache.stats.hits).toBe(49);
  });
});
