import path from 'node:path';
import type pg from 'pg';
import type { LedgerlensConfig } from '../config.ts';
import { seedPglite } from '../generate/seed.ts';
import { openEmbeddedBilling, serveEmbeddedBilling, type EmbeddedBilling } from './embedded.ts';
import { createBillingPool } from './type-mapping.ts';

/** The billing database as Ledgerlens uses it: a `pg` pool, whichever database is behind it. */
export interface BillingSource {
  readonly pool: pg.Pool;
  /** True for the embedded demo database (PGlite under the data folder). */
  readonly embedded: boolean;
  close(): Promise<void>;
}

/**
 * BILLING_DATABASE_URL when set; otherwise the embedded PGlite database under `<data>/billing`,
 * seeded with the demo data (scale S) the first time it is opened.
 */
export async function openBillingSource(
  config: LedgerlensConfig,
  log: (event: Record<string, unknown>) => void = () => {},
): Promise<BillingSource> {
  if (config.billingDatabaseUrl) {
    const pool = createBillingPool(config.billingDatabaseUrl);
    return { pool, embedded: false, close: () => pool.end() };
  }
  const db = await openEmbeddedBilling(path.join(config.dataDir, 'billing'));
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM billing.customers');
  if (rows[0]!.n === 0) {
    log({ event: 'demo.seeding', scale: 'S' });
    const started = Date.now();
    const result = await seedPglite(db, { scale: 'S', timezone: config.timezone });
    log({ event: 'demo.seeded', ms: Date.now() - started, rows: result.rows });
  }
  const served: EmbeddedBilling = await serveEmbeddedBilling(db);
  const pool = createBillingPool(served.url, 2);
  return {
    pool,
    embedded: true,
    async close() {
      await pool.end();
      await served.stop();
    },
  };
}
