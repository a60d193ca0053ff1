import { ExportInputError } from './errors.ts';
import { EXPORT_FORMATS, type ExportFormat } from './types.ts';

/** HTTP Content-Type and file extension of each format. */
export const FORMAT_INFO: Readonly<Record<ExportFormat, { readonly contentType: string; readonly extension: string }>> = {
  csv: { contentType: 'text/csv; charset=utf-8', extension: 'csv' },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
  parquet: { contentType: 'application/vnd.apache.parquet', extension: 'parquet' },
  // The IANA-registered type of the Arrow IPC *stream* format (the file format is …arrow.file).
  arrow: { contentType: 'application/vnd.apache.arrow.stream', extension: 'arrows' },
};

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** `format` of a request: required, one of csv, xlsx, parquet, arrow. */
export function parseExportFormat(value: string | null): ExportFormat {
  if (!value) throw new ExportInputError('BAD_FORMAT', `format is required: one of ${EXPORT_FORMATS.join(', ')}`, 'format');
  if (!isExportFormat(value)) {
    throw new ExportInputError('BAD_FORMAT', `format=${JSON.stringify(value)} is not supported; use one of ${EXPORT_FORMATS.join(', ')}`, 'format');
  }
  return value;
}
