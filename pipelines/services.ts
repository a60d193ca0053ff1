import type { LedgerlensConfig } from './config.ts';
import { openWarehouse, type Warehouse } from './warehouse/connection.ts';

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
  readonly warehouse: Warehouse;
  /** Runs a sync; concurrent calls share the one in flight. */
  sync(mode?: SyncMode): Promise<SyncRunSummary>;
  close(): Promise<void>;
}

// TEMPORARY: replaced by the real bootstrap (embedded billing DB, seeding, first sync).
export async function startServices(config: LedgerlensConfig): Promise<LedgerlensServices> {
  const warehouse = await openWarehouse(config.warehousePath);
  return {
    config,
    warehouse,
    async sync() {
      throw new Error('sync not wired yet');
    },
    async close() {
      warehouse.close();
    },
  };
}
