/**
 * `npm run generate -- --scale S [--seed 42] [--as-of 2026-11-20T12:00:00Z] [--no-bad-rows]`
 * fills the billing database at BILLING_DATABASE_URL with demo data (contract tables created if missing;
 * refuses to add to tables that already hold rows unless --replace is given, which empties them).
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { createBillingPool } from '../source/type-mapping.ts';
import { seedPostgres } from './seed.ts';
import { isScale } from './generate.ts';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'S' },
    seed: { type: 'string', default: '42' },
    'as-of': { type: 'string' },
    'no-bad-rows': { type: 'boolean', default: false },
    replace: { type: 'boolean', default: false },
  },
});
const config = loadConfig();
if (!config.billingDatabaseUrl) {
  console.error('BILLING_DATABASE_URL is not set: point it at the Postgres database to fill (the embedded demo seeds itself on first start).');
  process.exit(2);
}
if (!isScale(values.scale!)) {
  console.error(`--scale must be XS, S or M, not ${values.scale}`);
  process.exit(2);
}
const asOf = values['as-of'] ? new Date(values['as-of']) : new Date();
if (Number.isNaN(asOf.getTime())) {
  console.error(`--as-of ${values['as-of']} is not a date`);
  process.exit(2);
}
const pool = createBillingPool(config.billingDatabaseUrl, 1);
try {
  const started = Date.now();
  const result = await seedPostgres(pool, {
    scale: values.scale, seed: Number(values.seed), asOf, timezone: config.timezone, badRows: !values['no-bad-rows'], replace: values.replace,
    onProgress: (done, total) => process.stderr.write(`\rgenerating: ${done}/${total} customers`),
  });
  process.stderr.write('\n');
  console.log(JSON.stringify({ event: 'generated', ms: Date.now() - started, ...result }));
} catch (err) {
  console.error(`generate failed: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await pool.end();
}
