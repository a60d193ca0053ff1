import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import fs from 'node:fs';
import path from 'node:path';

export type SqlParams = readonly DuckDBValue[] | Record<string, DuckDBValue>;

/** The slice of DuckDB the rest of Ledgerlens uses: parameterised queries, nothing else. */
export interface Warehouse {
  /** Runs one statement with bound parameters; rows come back as plain JS values (BIGINT as bigint). */
  query<T = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T[]>;
  /** Runs a multi-statement script without parameters (our own SQL files only). */
  exec(sql: string): Promise<void>;
  readonly connection: DuckDBConnection;
  close(): void;
}

export class WarehouseLockedError extends Error {
  readonly code = 'WAREHOUSE_LOCKED';
}

/**
 * Opens the DuckDB warehouse file. Instances are shared per process through DuckDB's instance
 * cache, so the express API and the SvelteKit bundle (two copies of this module) use one database.
 */
export async function openWarehouse(file: string): Promise<Warehouse> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.fromCache(file);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/lock/i.test(message)) {
      throw new WarehouseLockedError(
        `the warehouse ${file} is held by another process (is the app running? trigger a sync there: POST /api/v1/sync). ${message}`,
      );
    }
    throw err;
  }
  const connection = await instance.connect();
  return wrapConnection(connection);
}

export function wrapConnection(connection: DuckDBConnection): Warehouse {
  return {
    connection,
    async query<T>(sql: string, params?: SqlParams): Promise<T[]> {
      const reader = await connection.runAndReadAll(sql, params as DuckDBValue[] | undefined);
      return reader.getRowObjectsJS() as T[];
    },
    async exec(sql: string): Promise<void> {
      await connection.run(sql);
    },
    close() {
      connection.closeSync();
    },
  };
}
