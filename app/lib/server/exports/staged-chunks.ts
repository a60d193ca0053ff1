import { DuckDBInstance, type DuckDBConnection, type DuckDBDataChunk, type DuckDBValue } from '@duckdb/node-api';
import type { SqlParams } from '../../../../pipelines/warehouse/connection.ts';
import { normalisedSelect, quoteIdentifier } from './columns.ts';
import type { Scratch } from './scratch.ts';
import type { ExportColumn } from './types.ts';

export interface StagedChunksOptions {
  readonly scratch: Scratch;
  /** Read TIMESTAMPTZ columns as wall-clock TIMESTAMP in this zone (for XLSX); otherwise they stay instants. */
  readonly localTimezone?: string;
}

/**
 * The query's rows, chunk by chunk (DuckDB's 2,048-row vectors), for the writers DuckDB has no COPY
 * format for (Arrow, XLSX).
 *
 * Why staged: a DuckDB streaming result ends when anything else runs on its connection, and the
 * app's warehouse connection serves every request. So the rows are first written by one
 * `COPY (query) TO '….parquet'` on the warehouse connection (one statement, bounded memory, a
 * consistent snapshot, parameters bound as usual), then streamed from that file by a private
 * in-memory DuckDB of one thread with a small memory limit that nothing else touches.
 */
export async function* stagedChunks(
  warehouse: DuckDBConnection,
  sql: string,
  params: SqlParams | undefined,
  columns: readonly ExportColumn[],
  options: StagedChunksOptions,
): AsyncGenerator<DuckDBDataChunk> {
  const staged = options.scratch.literal('staged.parquet');
  await warehouse.run(`COPY (${normalisedSelect(sql, columns, true)}) TO ${staged} (FORMAT parquet, COMPRESSION zstd)`, params as DuckDBValue[] | undefined);
  const instance = await DuckDBInstance.create(':memory:', { threads: '1', memory_limit: '64MB' });
  let connection: DuckDBConnection | undefined;
  try {
    connection = await instance.connect();
    if (options.localTimezone) await connection.run(`SET TimeZone = '${options.localTimezone.replaceAll("'", "''")}'`);
    const list = columns.map((c) => {
      const id = quoteIdentifier(c.name);
      return options.localTimezone && c.kind === 'timestamptz' ? `CAST(${id} AS TIMESTAMP) AS ${id}` : id;
    });
    const result = await connection.stream(`SELECT ${list.join(', ')} FROM read_parquet(${staged})`);
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      yield chunk;
    }
  } finally {
    connection?.closeSync();
    instance.closeSync();
  }
}
