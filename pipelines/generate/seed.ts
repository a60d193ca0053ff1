import type pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { CONTRACT_TABLE_NAMES, SOURCE_SCHEMA } from '../source/contract.ts';
import { contractDdl } from '../source/ddl.ts';
import { generateDemoData, GenerateError, type GenerateOptions, type GenerateResult } from './generate.ts';
import { pgCopySink, pgliteSink } from './sinks.ts';

export type SeedOptions = Omit<GenerateOptions, 'sink'> & { readonly replace?: boolean };

interface Queryable {
  query(sql: string): Promise<{ rows: Record<string, unknown>[] }>;
}

async function prepareTables(db: Queryable, replace: boolean): Promise<void> {
  const { rows } = await db.query(`SELECT count(*)::int AS n FROM "${SOURCE_SCHEMA}".customers`);
  if (Number(rows[0]!.n) > 0) {
    if (!replace) throw new GenerateError('the billing tables already hold rows; pass --replace to empty them first');
    await db.query(`TRUNCATE ${CONTRACT_TABLE_NAMES.map((t) => `"${SOURCE_SCHEMA}"."${t}"`).join(', ')}`);
  }
}

/** Creates the contract tables if needed and fills them, in one transaction. */
export async function seedPostgres(pool: pg.Pool, options: SeedOptions): Promise<GenerateResult> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(contractDdl());
    await prepareTables(client, options.replace ?? false);
    const result = await generateDemoData({ ...options, sink: pgCopySink(client) });
    await client.query('COMMIT');
    await client.query(`ANALYZE ${CONTRACT_TABLE_NAMES.map((t) => `"${SOURCE_SCHEMA}"."${t}"`).join(', ')}`);
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** Same for the embedded PGlite, loaded in-process. */
export async function seedPglite(db: PGlite, options: SeedOptions): Promise<GenerateResult> {
  const result = await db.transaction(async (tx) => {
    await prepareTables(tx, options.replace ?? false);
    return generateDemoData({ ...options, sink: pgliteSink(tx) });
  });
  await db.exec(`ANALYZE ${CONTRACT_TABLE_NAMES.map((t) => `"${SOURCE_SCHEMA}"."${t}"`).join(', ')}`);
  return result;
}
