import pg from 'pg';
import { randomBytes } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import { openEmbeddedBilling, serveEmbeddedBilling } from '../../pipelines/source/embedded.ts';
import { createBillingPool } from '../../pipelines/source/type-mapping.ts';
import { contractDdl } from '../../pipelines/source/ddl.ts';
import { seedPglite, seedPostgres, type SeedOptions } from '../../pipelines/generate/seed.ts';
import type { GenerateResult } from '../../pipelines/generate/generate.ts';

/**
 * A billing database of the test's own: a fresh database on the real PostgreSQL at 127.0.0.1:5432
 * when it answers (LEDGERLENS_TEST_POSTGRES_URL overrides the admin URL), else an in-memory PGlite
 * served on a loopback port. Either way the code under test reaches it through `url`.
 */
export interface TestBillingDatabase {
  readonly kind: 'postgres' | 'pglite';
  readonly url: string;
  /** A pool with Ledgerlens's type parsers, for the test's own queries and changes. */
  readonly pool: pg.Pool;
  seed(options: SeedOptions): Promise<GenerateResult>;
  drop(): Promise<void>;
}

const ADMIN_URL = process.env.LEDGERLENS_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let realPostgres: Promise<boolean> | null = null;
export function realPostgresAvailable(): Promise<boolean> {
  realPostgres ??= (async () => {
    const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return realPostgres;
}

export async function createTestBillingDatabase(): Promise<TestBillingDatabase> {
  if (await realPostgresAvailable()) return createPostgresDatabase();
  return createPgliteDatabase();
}

async function createPostgresDatabase(): Promise<TestBillingDatabase> {
  const name = `ledgerlens_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const pool = createBillingPool(url.toString(), 4);
  await pool.query(contractDdl());
  return {
    kind: 'postgres',
    url: url.toString(),
    pool,
    seed: (options) => seedPostgres(pool, options),
    async drop() {
      await pool.end();
      const a = new pg.Client({ connectionString: ADMIN_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

async function createPgliteDatabase(): Promise<TestBillingDatabase> {
  const db: PGlite = await openEmbeddedBilling(null);
  const served = await serveEmbeddedBilling(db);
  const pool = createBillingPool(served.url, 2);
  return {
    kind: 'pglite',
    url: served.url,
    pool,
    seed: (options) => seedPglite(db, options),
    async drop() {
      await pool.end();
      await served.stop();
    },
  };
}
