import type { DuckDBValue } from '@duckdb/node-api';
import { PassThrough, Readable } from 'node:stream';
import { FORMAT_INFO, parseExportFormat as parseFormat, streamExport, type ExportFormat, type ExportWarehouse } from '../exports/index.ts';
import { csvText } from '../csv.ts';
import type { QueryResult } from './read-only-query.ts';

/** `format=` of an explorer download; CSV when absent. */
export function parseExportFormat(value: string | null): ExportFormat {
  return parseFormat(value ?? 'csv');
}

/** The result as CSV: a header of column names, values exactly as DuckDB gave them (decimals and big integers as text), NULL as empty. */
export function resultCsv(result: QueryResult): string {
  const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  return csvText([result.columns.map((c) => c.name), ...result.rows.map((r) => r.map(cell))]);
}

/**
 * An explorer query or a notebook block (already checked by assertReadOnlySelect) as a streamed download in any export
 * format. Resolves once the first byte is ready, so a query DuckDB rejects still fails before any
 * header is sent; a failure after that destroys the stream, so the client sees a broken download
 * rather than a short file.
 */
export async function queryDownload(
  warehouse: ExportWarehouse,
  query: string | { readonly sql: string; readonly params?: Record<string, DuckDBValue>; readonly title: string; readonly source: string; readonly filename?: string },
  format: ExportFormat,
  timezone: string,
): Promise<{ body: ReadableStream; contentType: string; filename: string }> {
  const request = typeof query === 'string' ? { sql: query, title: 'Explorer query', source: 'SQL explorer (/explore)', filename: 'query' } : query;
  const out = new PassThrough();
  const first = new Promise<void>((resolve, reject) => {
    out.once('readable', () => resolve());
    streamExport(warehouse, { sql: request.sql, params: request.params, format, title: request.title, source: request.source, timezone }, out).catch((err: unknown) => {
      reject(err);
      out.destroy(err instanceof Error ? err : new Error(String(err)));
    });
  });
  await first;
  const info = FORMAT_INFO[format];
  return { body: Readable.toWeb(out) as ReadableStream, contentType: info.contentType, filename: `${request.filename ?? 'export'}.${info.extension}` };
}
