import { describe, expect, it } from 'vitest';
import { createTestDatabase, realPostgresAvailable } from './test-database.ts';

describe('createTestDatabase', () => {
  it('gives each caller its own empty database, reachable by url, and drops it', async () => {
    const [a, b] = [await createTestDatabase(), await createTestDatabase()];
    try {
      expect(a.kind).toBe((await realPostgresAvailable()) ? 'postgres' : 'pglite');
      expect(a.url).not.toBe(b.url);
      await a.pool.query('CREATE TABLE only_in_a (id int)');
      const { rows } = await b.pool.query("SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'only_in_a'");
      expect(rows[0].n).toBe(0);
      expect(a.pglite === null).toBe(a.kind === 'postgres');
    } finally {
      await a.drop();
      await b.drop();
    }
  });
});
