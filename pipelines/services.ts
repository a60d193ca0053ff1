import path from 'node:path';
import type { LedgerlensConfig } from './config.ts';
import { openBillingSource, type BillingSource } from './source/billing-source.ts';
import { jsonLinesProgress, type SyncProgress } from './sync/progress.ts';
import { runSync } from './sync/run-sync.ts';
import { openReadPool, openWarehouse, type Warehouse } from './warehouse/connection.ts';
import { cachedWarehouse, queryCacheEnabled, type CachedWarehouse } from './warehouse/result-cache.ts';
import { ensureMetaSchema } from './warehouse/schema.ts';
import { openWorkbench, type Workbench } from '../app/lib/server/workbench/database.ts';
import { seedDemoFxRates } from '../app/lib/server/fx/demo-rates.ts';
import { logRecord } from '../app/lib/server/ops/log.ts';
import { observeSync } from '../app/lib/server/ops/metrics.ts';

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
  /** Ledgerlens's own state (collections cases, audit trail, actions, outbox), migrated at start; never the billing DB. */
  readonly workbench: Workbench;
  /** Runs a sync; concurrent calls share the one in flight. */
  sync(mode?: SyncMode): Promise<SyncRunSummary>;
  close(): Promise<void>;
}

export type ServiceLog = (event: Record<string, unknown>) => void;

/** JSON lines through the redacting logger (app/lib/server/ops/log.ts). */
const jsonLog: ServiceLog = (event) => logRecord(event);

/** Passes progress on and keeps the rows read per table, for the sync metrics. */
function countingRows(inner: SyncProgress, rowsByTable: Map<string, number>): SyncProgress {
  return { ...inner, rows(table, rows) { rowsByTable.set(table, rows); inner.rows(table, rows); } };
}

/**
 * Opens the billing source (seeding the embedded demo on first start), the warehouse and the
 * workbench database (running its migrations), and runs a first sync when the warehouse has never
 * had one. Resolves when the app can serve figures. On failure, whatever was opened is closed again
 * and the error is rethrown as is: the workbench's carry a `code` (WORKBENCH_UNAVAILABLE,
 * WORKBENCH_MIGRATION_FAILED) and a message naming the database.
 */
export interface StartServicesOptions {
  /**
   * Runs after every successful sync (the first one, scheduled ones, API-triggered ones) with the
   * started services, e.g. the daily collections run. Its failure is logged (event
   * `sync.after_failed`), never fails the sync; the sync's promise settles only after it.
   */
  readonly afterSync?: (summary: SyncRunSummary, services: LedgerlensServices) => Promise<void>;
}

export async function startServices(config: LedgerlensConfig, log: ServiceLog = jsonLog, options: StartServicesOptions = {}): Promise<LedgerlensServices> {
  const readConnection = await openReadPool(config.warehousePath, config.warehouseReaders ?? 1);
  // Reads answered from memory between two syncs (see result-cache.ts); forgotten when a sync publishes.
  const cache: CachedWarehouse | null = queryCacheEnabled() ? cachedWarehouse(readConnection) : null;
  const warehouse: Warehouse = cache ?? readConnection;
  const syncConnection = await openWarehouse(config.warehousePath);
  let billing: BillingSource | null = null;
  let workbench: Workbench | null = null;
  const closeOpened = async () => {
    await workbench?.close().catch(() => undefined);
    await billing?.close().catch(() => undefined);
    syncConnection.close();
    warehouse.close();
  };
  try {
    billing = await openBillingSource(config, log);
    await ensureMetaSchema(warehouse);
    workbench = await openWorkbench(config);
    log({ event: 'workbench.ready', embedded: workbench.embedded });
    if (billing.embedded && (await seedDemoFxRates(workbench.db))) log({ event: 'demo.fx_rates_seeded' });
  } catch (err) {
    await closeOpened();
    throw err;
  }
  const source = billing.pool;
  let inFlight: Promise<SyncRunSummary> | null = null;
  // Set once the services object exists (before the first sync); afterSync receives it.
  let self: LedgerlensServices | null = null;
  const afterSync = async (summary: SyncRunSummary): Promise<void> => {
    if (!options.afterSync || summary.status !== 'succeeded' || !self) return;
    try {
      await options.afterSync(summary, self);
    } catch (err) {
      log({ event: 'sync.after_failed', runId: summary.runId, error: err instanceof Error ? err.message : String(err) });
    }
  };
  const sync = (mode?: SyncMode): Promise<SyncRunSummary> => {
    if (inFlight) return inFlight;
    const rowsByTable = new Map<string, number>();
    const began = performance.now();
    inFlight = runSync({
      source, warehouse: syncConnection, timezone: config.timezone, workDir: path.join(config.dataDir, 'tmp'),
      mode: mode ?? 'auto', progress: countingRows(jsonLinesProgress((line) => process.stdout.write(line)), rowsByTable),
    })
      .then(
        (r): SyncRunSummary => {
          cache?.invalidate(); // the sync committed a new snapshot: no answer from the old one may be served
          observeSync({ mode: r.mode, status: 'succeeded', seconds: r.timings.totalMs / 1000, rowsByTable });
          return { runId: r.runId, mode: r.mode, status: r.status, rowsExtracted: r.rowsExtracted, rowsQuarantined: r.rowsQuarantined, reconciliationOk: r.reconciliationOk, error: null };
        },
        (err: unknown) => {
          observeSync({ mode: mode ?? 'auto', status: 'failed', seconds: (performance.now() - began) / 1000, rowsByTable });
          throw err;
        },
      )
      .then(async (summary) => {
        await afterSync(summary);
        return summary;
      })
      .finally(() => { inFlight = null; });
    return inFlight;
  };
  const opened = { billing, workbench };
  let schedule: ReturnType<typeof setInterval> | null = null;
  self = {
    config,
    warehouse,
    workbench,
    sync,
    async close() {
      if (schedule) clearInterval(schedule);
      await inFlight?.catch(() => undefined);
      await opened.workbench.close();
      await opened.billing.close();
      syncConnection.close();
      warehouse.close();
    },
  };
  try {
    const [{ n }] = await warehouse.query<{ n: bigint }>("SELECT count(*) AS n FROM meta.sync_runs WHERE status = 'succeeded'");
    if (Number(n) === 0) {
      log({ event: 'sync.first', reason: 'the warehouse has no snapshot yet' });
      await sync('full');
    }
  } catch (err) {
    await closeOpened();
    throw err;
  }
  // Scheduled incremental syncs; a failure is logged and kept in meta.sync_runs, the app goes on serving the last snapshot.
  schedule = config.syncEveryMinutes > 0
    ? setInterval(() => {
        sync('incremental').catch((err: Error) => log({ event: 'sync.scheduled_failed', error: err.message }));
      }, config.syncEveryMinutes * 60_000)
    : null;
  schedule?.unref();
  return self;
}
