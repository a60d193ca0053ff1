import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pooledWarehouse, wrapConnection, type Warehouse } from './connection.ts';

/** A query that keeps DuckDB busy for a while (about half a second here), and one that answers at once. */
const SLOW = 'SELECT sum(a.range * b.range)::HUGEINT::VARCHAR AS s FROM range(8000) a, range(8000) b WHERE (a.range + b.range) % $1 = 0';
const FAST = 'SELECT $1::INTEGER + 1 AS v';

describe('pooledWarehouse', () => {
  let instance: DuckDBInstance;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  });
  afterAll(() => instance?.closeSync());

  /** How long the cheap query waited, as a share of the heavy one's time, when sent just after it. */
  async function cheapShare(warehouse: Warehouse): Promise<number> {
    const began = performance.now();
    let slowMs = 0;
    let fastMs = 0;
    const slow = warehouse.query(SLOW, [7]).then(() => (slowMs = performance.now() - began));
    await new Promise((r) => setTimeout(r, 5));
    const fast = warehouse.query<{ v: number }>(FAST, [41]).then((rows) => {
      expect(rows).toEqual([{ v: 42 }]);
      fastMs = performance.now() - began;
    });
    await Promise.all([slow, fast]);
    return fastMs / slowMs;
  }

  it('lets a cheap query pass a heavy one that a single connection makes it wait for', async () => {
    const single = wrapConnection(await instance.connect());
    expect(await cheapShare(single)).toBeGreaterThan(0.8); // answered only once the heavy one was done
    const pool = pooledWarehouse(wrapConnection(await instance.connect()), [await instance.connect()]);
    expect(await cheapShare(pool)).toBeLessThan(0.5); // answered while the heavy one ran
    single.close();
    pool.close();
  });

  it('queues beyond its size and answers every query with its own parameters', async () => {
    const pool = pooledWarehouse(wrapConnection(await instance.connect()), [await instance.connect()]);
    const answers = await Promise.all(Array.from({ length: 25 }, (_, i) => pool.query<{ v: number }>(FAST, [i])));
    expect(answers.map((rows) => rows[0]!.v)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    await expect(pool.query('SELECT * FROM no_such_table WHERE a = $1', [1])).rejects.toThrow(/no_such_table/);
    expect(await pool.query<{ v: number }>(FAST, [1])).toEqual([{ v: 2 }]); // a failed query gave its connection back
    pool.close();
  });
});
