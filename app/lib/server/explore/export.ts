import { csvText } from '../csv.ts';
import type { QueryResult } from './read-only-query.ts';

/**
 * Download formats of an explorer result. Only CSV for now; XLSX, Parquet and Arrow (a parallel
 * issue) are added as entries here, and `?format=` picks one.
 */
export const EXPORT_FORMATS = {
  csv: { contentType: 'text/csv; charset=utf-8', extension: 'csv', write: resultCsv },
} as const satisfies Record<string, { contentType: string; extension: string; write: (result: QueryResult) => string | Uint8Array }>;

export type ExportFormat = keyof typeof EXPORT_FORMATS;

export class ExportFormatError extends Error {
  readonly code = 'BAD_FORMAT';
  readonly status = 400;
}

export function parseExportFormat(value: string | null): ExportFormat {
  const format = value ?? 'csv';
  if (!Object.hasOwn(EXPORT_FORMATS, format)) {
    throw new ExportFormatError(`format must be one of ${Object.keys(EXPORT_FORMATS).join(', ')} (not ${format})`);
  }
  return format as ExportFormat;
}

/** The result as CSV: a header of column names, values exactly as DuckDB gave them (decimals and big integers as text), NULL as empty. */
export function resultCsv(result: QueryResult): string {
  const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  return csvText([result.columns.map((c) => c.name), ...result.rows.map((r) => r.map(cell))]);
}
