import type { Writable } from 'node:stream';
import type { Warehouse } from '../../../../pipelines/warehouse/connection.ts';
import { describeColumns, subquerySql } from './columns.ts';
import { ExportInputError } from './errors.ts';
import { isExportFormat } from './formats.ts';
import { createScratch } from './scratch.ts';
import { ByteSink } from './sink.ts';
import { queryChunks } from './query-chunks.ts';
import type { ExportRequest, ExportSummary } from './types.ts';
import { writeArrow } from './write-arrow.ts';
import { writeWithCopy } from './write-copy.ts';
import { writeXlsx } from './write-xlsx.ts';

/** The only dependency: the warehouse's DuckDB connection (COPY statements run on it), and a connection of the export's own where it can have one. */
export type ExportWarehouse = Pick<Warehouse, 'connection' | 'connect'>;

const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/;

/** An IANA zone name Intl knows (it is also written into DuckDB's SET TimeZone, so its characters are checked too). */
export function checkTimezone(timezone: string): string {
  try {
    if (!ZONE_NAME.test(timezone)) throw new RangeError(timezone);
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    throw new ExportInputError('BAD_TIMEZONE', `time zone ${JSON.stringify(timezone)} is not an IANA zone such as Europe/Moscow`, 'timezone');
  }
  return timezone;
}

/**
 * Streams the result of a parameterised warehouse query to `out` as CSV, XLSX, Parquet or an Arrow
 * IPC stream, never holding the result in memory, and ends `out` when done. On failure it rejects
 * and leaves `out` open for the caller to destroy (an HTTP response whose headers are gone should
 * be cut off, so the client sees a failed download rather than a short file). Scratch files are
 * removed either way.
 *
 * - CSV and Parquet: DuckDB's `COPY (query) TO file`, streamed out.
 * - Arrow and XLSX: the rows read chunk by chunk (queryChunks).
 * Money (`<name>_minor` beside `currency`) stays BIGINT minor units in CSV, Parquet and Arrow; XLSX
 * writes major units with the currency's number format. BAD_QUERY (400) when DuckDB rejects the SQL.
 */
export async function streamExport(warehouse: ExportWarehouse, request: ExportRequest, out: Writable): Promise<ExportSummary> {
  if (!isExportFormat(request.format)) throw new ExportInputError('BAD_FORMAT', `format ${JSON.stringify(request.format)} is not supported`, 'format');
  const timezone = checkTimezone(request.timezone ?? 'UTC');
  const exportedAt = request.now ?? new Date();
  const source = request.source ?? 'SQL query';
  const definitions = request.definitions ?? {};
  const sql = subquerySql(request.sql);
  const { connection } = warehouse;
  const columns = await describeColumns(connection, sql, request.params);
  const scratch = createScratch(request.tempDir);
  const sink = new ByteSink(out);
  try {
    let rows: number;
    switch (request.format) {
      case 'csv':
      case 'parquet':
        rows = await writeWithCopy(connection, request.format, sql, request.params, columns, scratch, sink);
        break;
      case 'arrow':
        rows = await writeArrow(queryChunks(warehouse, sql, request.params, columns, { scratch }), columns, {
          title: request.title,
          source,
          exportedAt: exportedAt.toISOString(),
          timezone,
          definitions,
        }, sink);
        break;
      case 'xlsx':
        rows = await writeXlsx(queryChunks(warehouse, sql, request.params, columns, { scratch, localTimezone: timezone }), columns, {
          title: request.title,
          source,
          sql,
          params: request.params,
          exportedAt,
          timezone,
          definitions,
        }, sink);
        break;
    }
    await sink.end();
    return { format: request.format, rows, bytes: sink.bytes, columns };
  } finally {
    scratch.remove();
  }
}
