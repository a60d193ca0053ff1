import fs from 'node:fs';
import path from 'node:path';
import type { DuckDBValue } from '@duckdb/node-api';
import { sqlDir, sqlQuery } from '../../../../pipelines/warehouse/sql-files.ts';
import { monthStartDate } from '../../months.ts';
import { COUNT_MEASURES } from '../../revenue/measures.ts';
import { agingDefinitions, parseMetricDefinitions, type MetricDefinitions } from '../receivables/definitions.ts';
import { ReceivablesInputError } from '../receivables/errors.ts';
import { parseAsOf, parseBasis, parseBounds, parseCurrency } from '../receivables/params.ts';
import { parseBucketIndex } from '../receivables/request.ts';
import { parseRevenueFilterInput } from '../revenue/filters.ts';
import { ExportInputError } from './errors.ts';
import type { ColumnDefinitions } from './types.ts';

/** What a dataset's parameter parser may use besides the query string. */
export interface DatasetContext {
  /** Today in the business time zone (YYYY-MM-DD), the default as-of day. */
  readonly today: string;
}

/** A query the export endpoint offers by name; its filters are parsed and bound, never spliced into the SQL. */
export interface ExportDataset {
  readonly name: string;
  readonly title: string;
  /** The SQL file(s) the rows come from, shown on the Definitions sheet. */
  readonly source: string;
  /** The query: a file of sql/queries (wrapped, for some, in fixed filter text), with positional parameters. */
  sql(): string;
  /** The bound parameters from the request's filters; throws a 400 error (with `param`) for a bad one. */
  params(search: URLSearchParams, context: DatasetContext): { readonly values: DuckDBValue[]; readonly filenameParts: readonly string[] };
  /** Column → definition, read from the SQL headers (one definition of each, in sql/). */
  definitions(): ColumnDefinitions;
}

const cache = new Map<string, MetricDefinitions>();
function headerDefinitions(relative: string): MetricDefinitions {
  let defs = cache.get(relative);
  if (!defs) {
    defs = parseMetricDefinitions(fs.readFileSync(path.join(sqlDir(), relative), 'utf8'));
    cache.set(relative, defs);
  }
  return defs;
}
const asRecord = (defs: MetricDefinitions): Record<string, string> => Object.fromEntries(defs.metrics.map((m) => [m.name, m.text]));

const revenueMonthly: ExportDataset = {
  name: 'revenue_monthly',
  title: 'Revenue by month',
  source: 'marts.revenue_monthly (sql/queries/revenue_monthly_rows.sql)',
  sql: () => sqlQuery('revenue_monthly_rows'),
  params(search) {
    const f = parseRevenueFilterInput(search);
    return {
      values: [f.from ? monthStartDate(f.from) : null, f.to ? monthStartDate(f.to) : null, f.segment ?? null, f.region ?? null, f.currency ?? null],
      filenameParts: [f.from && f.to ? `${f.from}_${f.to}` : (f.from ?? f.to ?? 'all-months'), f.currency ?? '', f.segment ?? '', f.region ?? ''],
    };
  },
  definitions() {
    const mart = headerDefinitions('marts/revenue_monthly.sql');
    return {
      ...asRecord(headerDefinitions('queries/revenue_monthly_rows.sql')),
      // The mart's header defines the amounts; its counts are defined where the page shows them.
      invoice_count: COUNT_MEASURES.invoice_count.definition,
      payment_count: COUNT_MEASURES.payment_count.definition,
      ...asRecord(mart),
    };
  },
};

const agingInvoices: ExportDataset = {
  name: 'aging_invoices',
  title: 'Receivables aging: invoices',
  source: 'sql/queries/aging_invoices.sql',
  // Fixed text around the query file: the optional currency and bucket filters, and an order.
  sql: () => `SELECT * FROM (${sqlQuery('aging_invoices')}) AS aging
WHERE ($5::VARCHAR IS NULL OR currency = $5::VARCHAR) AND ($6::INTEGER IS NULL OR bucket = $6::INTEGER)
ORDER BY currency, bucket DESC, open_minor DESC, invoice_id`,
  params(search, context) {
    const asOf = parseAsOf(search.get('asOf'), context.today);
    const basis = parseBasis(search.get('basis'));
    const bounds = parseBounds(search.get('buckets'), basis);
    const currency = parseCurrency(search.get('currency'));
    const bucket = parseBucketIndex(search.get('bucket'));
    if (bucket !== null && bucket > bounds.length) {
      throw new ReceivablesInputError('BAD_BUCKET', `bucket must be 0 to ${bounds.length} for these buckets`, 'bucket');
    }
    return {
      values: [asOf, basis, bounds.join(','), null, currency, bucket],
      filenameParts: [asOf, basis, currency ?? '', bucket === null ? '' : `bucket-${bucket}`],
    };
  },
  definitions() {
    const defs = asRecord(headerDefinitions('queries/aging_invoices.sql'));
    const open = agingDefinitions().openBalance;
    return { ...defs, ...(open && defs.open_minor ? { open_minor: `${defs.open_minor.replace(/,? as defined above\.?$/, '.')} ${open}` } : {}) };
  },
};

/** The datasets GET /api/v1/exports/:dataset serves, by name. */
export const EXPORT_DATASETS: Readonly<Record<string, ExportDataset>> = Object.fromEntries(
  [revenueMonthly, agingInvoices].map((d) => [d.name, d]),
);

export function findDataset(name: string): ExportDataset {
  const dataset = Object.hasOwn(EXPORT_DATASETS, name) ? EXPORT_DATASETS[name] : undefined;
  if (!dataset) {
    throw new ExportInputError('UNKNOWN_DATASET', `no dataset ${JSON.stringify(name)} to export; known: ${Object.keys(EXPORT_DATASETS).join(', ')}`, 'dataset');
  }
  return dataset;
}

/** A download's file name: the dataset, its filters and the format's extension, in safe characters only. */
export function exportFilename(dataset: ExportDataset, parts: readonly string[], extension: string): string {
  const slug = [dataset.name.replaceAll('_', '-'), ...parts]
    .filter(Boolean)
    .join('_')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .slice(0, 120);
  return `${slug}.${extension}`;
}
