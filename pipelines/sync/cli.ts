/**
 * `npm run sync [-- --full | --incremental]`: copies the billing database into the warehouse.
 * Reads BILLING_DATABASE_URL, or the embedded demo database under LEDGERLENS_DATA_DIR when unset.
 * Shows a progress bar at a terminal and JSON lines otherwise; exits 1 if the sync failed (the
 * previous snapshot stays in place) and 2 on bad usage.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { openBillingSource } from '../source/billing-source.ts';
import { openWarehouse } from '../warehouse/connection.ts';
import { jsonLinesProgress, terminalProgress } from './progress.ts';
import { runSync } from './run-sync.ts';
import path from 'node:path';

const { values } = parseArgs({ options: { full: { type: 'boolean', default: false }, incremental: { type: 'boolean', default: false } } });
if (values.full && values.incremental) {
  console.error('choose --full or --incremental, not both');
  process.exit(2);
}
const config = loadConfig();
const warehouse = await openWarehouse(config.warehousePath);
const billing = await openBillingSource(config);
const progress = process.stdout.isTTY ? terminalProgress() : jsonLinesProgress();
try {
  const result = await runSync({
    source: billing.pool, warehouse, timezone: config.timezone, workDir: path.join(config.dataDir, 'tmp'),
    mode: values.full ? 'full' : values.incremental ? 'incremental' : 'auto', progress,
  });
  if (process.stdout.isTTY) {
    console.log(`\nsync #${result.runId} (${result.mode}) succeeded: ${result.rowsExtracted} rows read, ${result.rowsDeleted} deleted, ` +
      `${result.rowsQuarantined} quarantined, reconciled: ${result.reconciliationOk ? 'yes' : 'NO'} in ${(result.timings.totalMs / 1000).toFixed(1)} s`);
  }
} catch (err) {
  console.error(`\nsync failed: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  warehouse.close();
  await billing.close();
}
