import type { DuckDBConnection } from '@duckdb/node-api';
import { openWarehouse } from '../../../../pipelines/warehouse/connection.ts';
import { getServices } from '../services.ts';

/**
 * Runs `fn` on a warehouse connection of its own (same DuckDB instance as the app's, so the same
 * snapshot rules), closed afterwards. Analysts' queries never share the pages' connection: their
 * read-only transaction and the time limit's interrupt act on this one alone.
 */
export async function withQueryConnection<T>(fn: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  const warehouse = await openWarehouse(getServices().config.warehousePath);
  try {
    return await fn(warehouse.connection);
  } finally {
    warehouse.close();
  }
}
