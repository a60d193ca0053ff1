import type { Warehouse } from '../../../../pipelines/warehouse/connection.ts';
import { sqlQuery } from '../../../../pipelines/warehouse/sql-files.ts';
import { agingInvoices } from './aging.ts';
import { ReceivablesInputError } from './errors.ts';
import { bucketLabels } from './params.ts';
import type { AgingGroupBy, AgingInvoice, AgingParams } from './types.ts';

type Db = Pick<Warehouse, 'query'>;

/** Most invoices one request returns (agingInvoices' own cap per call). */
export const MAX_PAGE = 1000;
/** Most invoices one CSV download holds. */
export const MAX_CSV_ROWS = 100_000;

/** The column of sql/queries/aging_invoices.sql that a group key is matched against (as agingInvoices does). */
const KEY_COLUMN: Record<AgingGroupBy, string> = { customer: 'customer_id', segment: 'segment', region: 'region', currency: 'currency' };

export interface InvoiceDrill {
  readonly currency: string;
  /** Bucket index; null for all buckets. */
  readonly bucket: number | null;
  /** A group of the report (its key under params.groupBy); null for the whole currency. */
  readonly key: string | null;
}

export interface AgingInvoicePage {
  readonly params: AgingParams;
  readonly drill: InvoiceDrill;
  /** The bucket's label, or null for all buckets. */
  readonly bucketLabel: string | null;
  /** How many invoices match, and their open balances summed (minor units of drill.currency): equal to the report's cell. */
  readonly total: number;
  readonly openMinor: bigint;
  readonly limit: number;
  readonly offset: number;
  /** Largest open balance first. */
  readonly rows: readonly AgingInvoice[];
}

function checkBucket(params: AgingParams, bucket: number | null): void {
  if (bucket !== null && bucket > params.bounds.length) {
    throw new ReceivablesInputError('BAD_BUCKET', `bucket must be 0 to ${params.bounds.length} for these buckets`, 'bucket');
  }
}

/** One page of the invoices behind a cell of the aging report, with the count and sum of all of them. */
export async function agingInvoicePage(db: Db, params: AgingParams, drill: InvoiceDrill, paging: { limit: number; offset: number }): Promise<AgingInvoicePage> {
  checkBucket(params, drill.bucket);
  const limit = Math.min(paging.limit, MAX_PAGE);
  const [summary] = await db.query<{ n: bigint; open: bigint | null }>(
    `SELECT count(*) AS n, sum(open_minor)::HUGEINT AS open FROM (${sqlQuery('aging_invoices')})
     WHERE currency = $5 AND ($6::INTEGER IS NULL OR bucket = $6) AND ($7::VARCHAR IS NULL OR ${KEY_COLUMN[params.groupBy]} = $7)`,
    [params.asOf, params.basis, params.bounds.join(','), null, drill.currency, drill.bucket, drill.key],
  );
  const rows = await agingInvoices(db, params, { ...drill, key: drill.key ?? undefined, groupBy: params.groupBy, limit, offset: paging.offset });
  return {
    params,
    drill,
    bucketLabel: drill.bucket === null ? null : bucketLabels(params.bounds, params.basis)[drill.bucket]!,
    total: Number(summary?.n ?? 0n),
    openMinor: BigInt(summary?.open ?? 0n),
    limit,
    offset: paging.offset,
    rows,
  };
}

/** Every invoice of a drill (up to `max`), page by page: what the CSV download holds. */
export async function allAgingInvoices(db: Db, params: AgingParams, drill: InvoiceDrill, max = MAX_CSV_ROWS): Promise<AgingInvoice[]> {
  checkBucket(params, drill.bucket);
  const out: AgingInvoice[] = [];
  while (out.length < max) {
    const limit = Math.min(MAX_PAGE, max - out.length);
    const page = await agingInvoices(db, params, { ...drill, key: drill.key ?? undefined, groupBy: params.groupBy, limit, offset: out.length });
    out.push(...page);
    if (page.length < limit) break;
  }
  return out;
}
