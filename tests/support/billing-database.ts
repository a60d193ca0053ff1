import type pg from 'pg';
import { contractDdl } from '../../pipelines/source/ddl.ts';
import { seedPglite, seedPostgres, type SeedOptions } from '../../pipelines/generate/seed.ts';
import type { GenerateResult } from '../../pipelines/generate/generate.ts';
import { createTestDatabase } from './test-database.ts';

export { realPostgresAvailable } from './test-database.ts';

/**
 * A billing database of the test's own (see createTestDatabase: real PostgreSQL when it answers,
 * else in-memory PGlite), with the contract tables created. The code under test reaches it through `url`.
 */
export interface TestBillingDatabase {
  readonly kind: 'postgres' | 'pglite';
  readonly url: string;
  /** A pool with Ledgerlens's type parsers, for the test's own queries and changes. */
  readonly pool: pg.Pool;
  seed(options: SeedOptions): Promise<GenerateResult>;
  drop(): Promise<void>;
}

export async function createTestBillingDatabase(): Promise<TestBillingDatabase> {
  const database = await createTestDatabase();
  try {
    const { pglite, pool } = database;
    if (pglite) await pglite.exec(contractDdl());
    else await pool.query(contractDdl());
    return {
      kind: database.kind,
      url: database.url,
      pool,
      seed: (options) => (pglite ? seedPglite(pglite, options) : seedPostgres(pool, options)),
      drop: () => database.drop(),
    };
  } catch (err) {
    await database.drop();
    throw err;
  }
}
