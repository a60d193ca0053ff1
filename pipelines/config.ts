import path from 'node:path';

/** Runtime settings, all from the environment (README, "Configuration"). */
export interface LedgerlensConfig {
  /** Folder for the embedded billing DB and the DuckDB warehouse. */
  readonly dataDir: string;
  /** A real billing Postgres; null means the embedded PGlite under dataDir. */
  readonly billingDatabaseUrl: string | null;
  /** Ledgerlens's own state (collections cases, notes, actions): a Postgres that is never the billing DB; null means embedded PGlite under dataDir/workbench. */
  readonly workbenchDatabaseUrl: string | null;
  /** IANA zone in which months and days are bucketed (store UTC, bucket here). */
  readonly timezone: string;
  readonly port: number;
  readonly warehousePath: string;
  /** Minutes between scheduled incremental syncs while the app runs; 0 turns the schedule off. */
  readonly syncEveryMinutes: number;
  /** DuckDB connections serving the app's reads side by side (LEDGERLENS_WAREHOUSE_READERS, default 3). */
  readonly warehouseReaders?: number;
}

// Three: two cores' worth of queries plus one, so a cheap query need not wait behind two heavy ones,
// while leaving one of libuv's four worker threads (DuckDB's async calls run there) to file reads and
// password hashing.
const DEFAULT_WAREHOUSE_READERS = 3;

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): LedgerlensConfig {
  const dataDir = path.resolve(env.LEDGERLENS_DATA_DIR || 'data');
  const timezone = env.LEDGERLENS_TIMEZONE || 'Europe/Moscow';
  if (!isValidTimeZone(timezone)) {
    throw new ConfigError(`LEDGERLENS_TIMEZONE=${timezone} is not an IANA time zone (e.g. Europe/Moscow, UTC)`);
  }
  if (env.WORKBENCH_DATABASE_URL && env.WORKBENCH_DATABASE_URL === env.BILLING_DATABASE_URL) {
    throw new ConfigError('WORKBENCH_DATABASE_URL must not be the billing database: Ledgerlens never writes to the billing DB');
  }
  const port = Number(env.PORT || 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT=${env.PORT} is not a port number`);
  const syncEveryMinutes = Number(env.LEDGERLENS_SYNC_EVERY_MINUTES ?? 60);
  if (!Number.isFinite(syncEveryMinutes) || syncEveryMinutes < 0) {
    throw new ConfigError(`LEDGERLENS_SYNC_EVERY_MINUTES=${env.LEDGERLENS_SYNC_EVERY_MINUTES} is not a number of minutes (0 turns scheduled syncs off)`);
  }
  const warehouseReaders = Number(env.LEDGERLENS_WAREHOUSE_READERS || DEFAULT_WAREHOUSE_READERS);
  if (!Number.isInteger(warehouseReaders) || warehouseReaders < 1 || warehouseReaders > 16) {
    throw new ConfigError(`LEDGERLENS_WAREHOUSE_READERS=${env.LEDGERLENS_WAREHOUSE_READERS} must be a whole number from 1 to 16`);
  }
  return {
    dataDir,
    syncEveryMinutes,
    warehouseReaders,
    billingDatabaseUrl: env.BILLING_DATABASE_URL || null,
    workbenchDatabaseUrl: env.WORKBENCH_DATABASE_URL || null,
    timezone,
    port,
    warehousePath: path.join(dataDir, 'warehouse.duckdb'),
  };
}
