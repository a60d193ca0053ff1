import type { SqlParams } from '../../../../pipelines/warehouse/connection.ts';

/** The file formats an export can be written in. */
export type ExportFormat = 'csv' | 'xlsx' | 'parquet' | 'arrow';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'xlsx', 'parquet', 'arrow'];

/** Column name → what the column means, shown on the XLSX "Definitions" sheet (and kept as Arrow field metadata). */
export type ColumnDefinitions = Readonly<Record<string, string>>;

/**
 * One export: any parameterised warehouse query. The SQL is our own text (a file of sql/queries, or
 * an explorer query run on a read-only connection); user input only ever travels in `params`.
 */
export interface ExportRequest {
  /** One SELECT (a trailing semicolon is allowed); parameters written $1, $2 … or $name. */
  readonly sql: string;
  readonly params?: SqlParams;
  readonly format: ExportFormat;
  /** Column → definition. Columns without one are listed with their type only. */
  readonly definitions?: ColumnDefinitions;
  /** What the export holds, e.g. "Revenue by month"; the XLSX data sheet and Definitions sheet name it. */
  readonly title: string;
  /** Where the rows come from: a dataset or SQL file name, e.g. "sql/queries/aging_invoices.sql". Default: "SQL query". */
  readonly source?: string;
  /** IANA zone in which TIMESTAMPTZ values are written to XLSX (Excel has no zones) and the export time is shown. Default UTC. */
  readonly timezone?: string;
  /** Folder for the export's scratch files (removed afterwards). Default: the OS temp folder. */
  readonly tempDir?: string;
  /** The instant written as the export time (tests pin it). Default: now. */
  readonly now?: Date;
}

/** What was written. */
export interface ExportSummary {
  readonly format: ExportFormat;
  readonly rows: number;
  readonly bytes: number;
  readonly columns: readonly ExportColumn[];
}

/** The DuckDB column types an export distinguishes; everything else is written as text. */
export type ExportColumnKind =
  | 'boolean'
  | 'integer'
  | 'bigint'
  | 'double'
  | 'decimal'
  | 'date'
  | 'timestamp'
  | 'timestamptz'
  | 'text';

/** A column of the export, as the query describes it. */
export interface ExportColumn {
  readonly name: string;
  /** DuckDB's type name as the query produced it, e.g. "BIGINT", "DECIMAL(18,2)", "TIMESTAMP WITH TIME ZONE". */
  readonly duckdbType: string;
  readonly kind: ExportColumnKind;
  /** Bit width of integer kinds (8, 16, 32, 64) and whether unsigned; undefined otherwise. */
  readonly bits?: 8 | 16 | 32 | 64;
  readonly unsigned?: boolean;
  /** DECIMAL width and scale. */
  readonly width?: number;
  readonly scale?: number;
  /**
   * For a `<name>_minor` integer column beside a `currency` column: integer minor units of that row's
   * currency. XLSX writes it as major units with the currency's number format.
   */
  readonly money?: { readonly currencyColumn: string };
}
