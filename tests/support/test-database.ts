import pg from 'pg';
import { randomBytes } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import { openEmbeddedPglite, servePglite } from '../../pipelines/source/embedded.ts';
import { createBillingPool } from '../../pipelines/source/type-mapping.ts';

/**
 * An empty PostgreSQL database of the test's own: a fresh database on the real PostgreSQL at
 * 127.0.0.1:5432 when it answers (LEDGERLENS_TEST_POSTGRES_URL overrides the admin URL), else an
 * in-memory PGlite served on a loopback port. Either way the code under test reaches it through `url`.
 */
export interface TestDatabase {
  readonly kind: 'postgres' | 'pglite';
  readonly url: string;
  /** A pool with the billing type parsers (int8 bigint, numeric/timestamps/dates text), for the test's own queries. */
  readonly pool: pg.Pool;
  /** The PGlite instance behind `url` when kind is 'pglite', else null. */
  readonly pglite: PGlite | null;
  drop(): Promise<void>;
}

const ADMIN_URL = process.env.LEDGERLENS_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let realPostgres: Promise<boolean> | null = null;
/** Whether the admin URL answers; asked once per test process. */
export function realPostgresAvailable(): Promise<boolean> {
  realPostgres ??= (async () => {
    const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2000 });
    // A refused connection also emits 'error' on some pg versions; swallow it, the rejection says enough.
    client.on('error', () => undefined);
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

export async function createTestDatabase(): Promise<TestDatabase> {
  if (await realPostgresAvailable()) return createPostgresDatabase();
  return createPgliteDatabase();
}

async function adminQuery(text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

async function createPostgresDatabase(): Promise<TestDatabase> {
  const name = `ledgerlens_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const pool = createBillingPool(url.toString(), 4);
  return {
    kind: 'postgres',
    url: url.toString(),
    pool,
    pglite: null,
    async drop() {
      await pool.end();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function createPgliteDatabase(): Promise<TestDatabase> {
  const served = await servePglite(await openEmbeddedPglite(null));
  const pool = createBillingPool(served.url, 2);
  return {
    kind: 'pglite',
    url: served.url,
    pool,
    pglite: served.db,
    async drop() {
      await pool.end();
      await served.stop();
    },
  };
}
