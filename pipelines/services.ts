import path from 'node:path';
import type { LedgerlensConfig } from './config.ts';
import { openBillingSource, type BillingSource } from './source/billing-source.ts';
import { jsonLinesProgress } from './sync/progress.ts';
import { runSync } from './sync/run-sync.ts';
import { openWarehouse, type Warehouse } from './warehouse/connection.ts';
import { ensureMetaSchema } from './warehouse/schema.ts';

export type SyncMode = 'full' | 'incremental';

/** What one sync did; the same record is kept in the warehouse table meta.sync_runs. */
export interface SyncRunSummary {
  readonly runId: number;
  readonly mode: SyncMode;
  readonly status: 'succeeded' | 'failed';
  readonly rowsExtracted: number;
  readonly rowsQuarantined: number;
  readonly reconciliationOk: boolean;
  readonly error: string | null;
}

/** Everything the web server needs, started once per process. */
export interface LedgerlensServices {
  readonly config: LedgerlensConfig;
  /** Connection for reads; syncs run on their own connection and publish atomically. */
  readonly warehouse: Warehouse;
  /** Runs a sync; concurrent calls share the one in flight. */
  sync(mode?: SyncMode): Promise<SyncRunSummary>;
  close(): Promise<void>;
}

export type ServiceLog = (event: Record<string, unknown>) => void;

const jsonLog: ServiceLog = (event) => process.stdout.write(JSON.stringify({ at: new Date().toISOString(), ...event }) + '\n');

/**
 * Opens the billing source (seeding the embedded demo on first start) and the warehouse, and runs
 * a first sync when the warehouse has never had one. Resolves when the app can serve figures.
 */
export async function startServices(config: LedgerlensConfig, log: ServiceLog = jsonLog): Promise<LedgerlensServices> {
  const warehouse = await openWarehouse(config.warehousePath);
  const syncConnection = await openWarehouse(config.warehousePath);
  let billing: BillingSource;
  try {
    billing = await openBillingSource(config, log);
    await ensureMetaSchema(warehouse);
  } catch (err) {
    warehouse.close();
    syncConnection.close();
    throw err;
  }
  let inFlight: Promise<SyncRunSummary> | null = null;
  const sync = (mode?: SyncMode): Promise<SyncRunSummary> => {
    inFlight ??= runSync({
      source: billing.pool, warehouse: syncConnection, timezone: config.timezone, workDir: path.join(config.dataDir, 'tmp'),
      mode: mode ?? 'auto', progress: jsonLinesProgress((line) => process.stdout.write(line)),
    })
      .then((r) => ({ runId: r.runId, mode: r.mode, status: r.status, rowsExtracted: r.rowsExtracted, rowsQuarantined: r.rowsQuarantined, reconciliationOk: r.reconciliationOk, error: null }))
      .finally(() => { inFlight = null; });
    return inFlight;
  };
  const [{ n }] = await warehouse.query<{ n: bigint }>("SELECT count(*) AS n FROM meta.sync_runs WHERE status = 'succeeded'");
  if (Number(n) === 0) {
    log({ event: 'sync.first', reason: 'the warehouse has no snapshot yet' });
    await sync('full');
  }
  // Scheduled incremental syncs; a failure is logged and kept in meta.sync_runs, the app goes on serving the last snapshot.
  const schedule = config.syncEveryMinutes > 0
    ? setInterval(() => {
        sync('incremental').catch((err: Error) => log({ event: 'sync.scheduled_failed', error: err.message }));
      }, config.syncEveryMinutes * 60_000)
    : null;
  schedule?.unref();
  return {
    config,
    warehouse,
    sync,
    async close() {
      if (schedule) clearInterval(schedule);
      await inFlight?.catch(() => undefined);
      await billing.close();
      syncConnection.close();
      warehouse.close();
    },
  };
}
