import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { SqlParams } from '../../../../pipelines/warehouse/connection.ts';
import { normalisedSelect } from './columns.ts';
import type { Scratch } from './scratch.ts';
import { copyFileTo, type ByteSink } from './sink.ts';
import type { ExportColumn } from './types.ts';

const COPY_OPTIONS = {
  // RFC 4180 quoting (quotes doubled; fields with commas, quotes or line breaks quoted), UTF-8, a header row.
  csv: `FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"', ESCAPE '"'`,
  parquet: 'FORMAT parquet, COMPRESSION zstd',
} as const;

/**
 * CSV and Parquet: DuckDB's own writers, by `COPY (query) TO file` with the parameters bound, then
 * the file streamed out. DuckDB writes both in bounded memory; BIGINT minor units stay integers,
 * dates stay dates. Returns the number of rows written.
 */
export async function writeWithCopy(
  warehouse: DuckDBConnection,
  format: keyof typeof COPY_OPTIONS,
  sql: string,
  params: SqlParams | undefined,
  columns: readonly ExportColumn[],
  scratch: Scratch,
  sink: ByteSink,
): Promise<number> {
  const name = `export.${format}`;
  const result = await warehouse.run(`COPY (${normalisedSelect(sql, columns, false)}) TO ${scratch.literal(name)} (${COPY_OPTIONS[format]})`, params as DuckDBValue[] | undefined);
  await copyFileTo(scratch.file(name), sink);
  return result.rowsChanged;
}
