import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wrapConnection, type Warehouse } from './connection.ts';

/** Warehouse.query keeps a prepared statement per SQL text: the answers must be those of a fresh one. */
describe('Warehouse.query with reused prepared statements', () => {
  let instance: DuckDBInstance;
  let warehouse: Warehouse;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    warehouse = wrapConnection(await instance.connect());
    await warehouse.exec(`CREATE TABLE t AS SELECT range AS n, range % 3 AS k FROM range(1000)`);
  });
  afterAll(() => {
    warehouse?.close();
    instance?.closeSync();
  });

  const sql = 'SELECT count(*)::INTEGER AS c, sum(n)::BIGINT AS s FROM t WHERE k = $1 AND n >= $2';

  it('binds each call’s own parameters, also for calls running at the same time', async () => {
    const expected = async (k: number, from: number) => {
      let c = 0;
      let s = 0n;
      for (let n = from; n < 1000; n++) if (n % 3 === k) (c++, (s += BigInt(n)));
      return { c, s };
    };
    const calls = Array.from({ length: 12 }, (_, i) => [i % 3, i * 50] as const);
    const answers = await Promise.all(calls.map(([k, from]) => warehouse.query<{ c: number; s: bigint }>(sql, [k, from])));
    for (let i = 0; i < calls.length; i++) expect(answers[i]![0]).toEqual(await expected(...calls[i]!));
    // and again, sequentially, on the statements kept
    for (const [k, from] of calls) expect((await warehouse.query(sql, [k, from]))[0]).toEqual(await expected(k, from));
  });

  it('reads a table replaced since the statement was prepared, and reports a dropped one', async () => {
    const q = 'SELECT * FROM r WHERE a >= $1 ORDER BY a';
    await warehouse.exec(`CREATE TABLE r AS SELECT 1 AS a`);
    expect(await warehouse.query(q, [0])).toEqual([{ a: 1 }]);
    await warehouse.exec(`CREATE OR REPLACE TABLE r AS SELECT 5 AS a, 'x' AS b`);
    expect(await warehouse.query(q, [0])).toEqual([{ a: 5, b: 'x' }]);
    await warehouse.exec(`DROP TABLE r`);
    await expect(warehouse.query(q, [0])).rejects.toThrow(/r does not exist/);
    await warehouse.exec(`CREATE TABLE r AS SELECT 9 AS a`);
    expect(await warehouse.query(q, [0])).toEqual([{ a: 9 }]);
  });

  it('binds named parameters, types changing between calls, and null', async () => {
    const q = 'SELECT $x AS x, $y IS NULL AS y_null';
    expect(await warehouse.query(q, { x: 'text', y: null })).toEqual([{ x: 'text', y_null: true }]);
    expect(await warehouse.query(q, { x: 42, y: 1 })).toEqual([{ x: 42, y_null: false }]);
  });

  it('still runs several statements in one text, and keeps failing SQL failing', async () => {
    expect(await warehouse.query('CREATE TEMP TABLE m AS SELECT 7 AS v; SELECT v + $1 AS w FROM m', [1])).toEqual([{ w: 8 }]);
    await expect(warehouse.query('SELECT * FROM no_such_table WHERE a = $1', [1])).rejects.toThrow(/no_such_table/);
    await expect(warehouse.query('SELECT $1::INTEGER AS v', ['not a number'])).rejects.toThrow();
    expect(await warehouse.query('SELECT $1::INTEGER AS v', ['3'])).toEqual([{ v: 3 }]);
  });

  it('keeps working past the number of texts it keeps statements for', async () => {
    for (let i = 0; i < 150; i++) expect(await warehouse.query(`SELECT $1::INTEGER + ${i} AS v`, [1])).toEqual([{ v: 1 + i }]);
    expect((await warehouse.query(sql, [0, 990]))[0]).toEqual({ c: 4, s: 990n + 993n + 996n + 999n });
  });
});
