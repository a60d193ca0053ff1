import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBillingDatabase, type TestBillingDatabase } from '../../tests/support/billing-database.ts';

describe('billing pool type parsers', () => {
  let db: TestBillingDatabase;
  beforeAll(async () => {
    db = await createTestBillingDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('keeps bigint exact, numeric as text and timestamps with their microseconds', async () => {
    const { rows } = await db.pool.query(`SELECT 9007199254740993::int8 AS big, 12.345::numeric(18,3) AS qty,
      '2026-03-31 21:00:00.123456+00'::timestamptz AS at, '2026-04-01'::date AS day`);
    const row = rows[0]!;
    expect(row.big).toBe(9007199254740993n);
    expect(row.qty).toBe('12.345');
    expect(String(row.at)).toMatch(/\.123456/);
    expect(row.day).toBe('2026-04-01');
  });

  it('does not change how other pg pools parse values (no process-wide parsers)', async () => {
    const pg = (await import('pg')).default;
    const other = new pg.Pool({ connectionString: db.url, max: 1 });
    try {
      const { rows } = await other.query('SELECT 5::int8 AS n');
      expect(rows[0]!.n).toBe('5');
    } finally {
      await other.end();
    }
  });
});
