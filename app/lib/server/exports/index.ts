/** Exports of any parameterised warehouse query: streamExport and what it takes. */
export { streamExport, checkTimezone, type ExportWarehouse } from './stream-export.ts';
export { ExportInputError, type ExportErrorCode } from './errors.ts';
export { FORMAT_INFO, isExportFormat, parseExportFormat } from './formats.ts';
export { EXPORT_FORMATS, type ColumnDefinitions, type ExportColumn, type ExportFormat, type ExportRequest, type ExportSummary } from './types.ts';
