/**
 * The benchmarks' billing database: generated once per scale and generator version, kept as a
 * Postgres template database (LEDGERLENS_BENCH_POSTGRES_URL overrides the server).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Scale } from '../../pipelines/generate/generate.ts';
import { seedPostgres } from '../../pipelines/generate/seed.ts';
import { createBillingPool } from '../../pipelines/source/type-mapping.ts';

export const ADMIN_URL = process.env.LEDGERLENS_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const AS_OF = new Date('2026-11-20T09:30:00Z');
export const TZ = 'Europe/Moscow';

export function urlFor(database: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export const ident = (name: string) => {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unsafe database name ${name}`);
  return name;
};

/** Hash of the files that shape the generated rows, so a changed generator regenerates the cache. */
function generatorFingerprint(scale: Scale): string {
  const root = path.resolve(import.meta.dirname, '../..');
  const hash = createHash('sha256').update(scale).update(AS_OF.toISOString());
  const shaping = ['generate.ts', 'simulate-customer.ts', 'catalog.ts', 'calendar.ts', 'random.ts', 'bad-rows.ts', 'row-writer.ts'];
  const files = [...shaping.map((f) => `pipelines/generate/${f}`), 'sql/source/contract.sql'];
  for (const f of files) hash.update(fs.readFileSync(path.join(root, f)));
  return hash.digest('hex').slice(0, 10);
}

export async function ensureTemplate(scale: Scale): Promise<string> {
  const template = ident(`ledgerlens_bench_${scale.toLowerCase()}_${generatorFingerprint(scale)}`);
  const building = ident(`${template}_building`);
  const exists = await admin(async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [template])).rowCount === 1);
  if (exists) {
    console.log(`using cached billing database ${template}`);
    return template;
  }
  console.log(`generating the ${scale} billing database once (cached as ${template}) …`);
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${building}`);
  });
  const pool = createBillingPool(urlFor(building), 1);
  const started = Date.now();
  try {
    const result = await seedPostgres(pool, {
      scale, seed: 42, asOf: AS_OF, timezone: TZ,
      onProgress: (done, total) => process.stderr.write(`\r  generating: ${done}/${total} customers`),
    });
    process.stderr.write('\n');
    console.log(`  generated in ${((Date.now() - started) / 1000).toFixed(0)} s: ${JSON.stringify(result.rows)}`);
  } finally {
    await pool.end();
  }
  // the rename publishes the cache only once it is complete
  await admin((c) => c.query(`ALTER DATABASE ${building} RENAME TO ${template}`));
  return template;
}

