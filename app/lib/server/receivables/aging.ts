import type { Warehouse } from '../../../../pipelines/warehouse/connection.ts';
import { sqlQuery } from '../../../../pipelines/warehouse/sql-files.ts';
import { ReceivablesInputError } from './errors.ts';
import { bucketLabels } from './params.ts';
import type { AgingGroupBy, AgingInvoice, AgingParams, AgingReport, AgingRow } from './types.ts';
import { personal } from '../auth/mask.ts';

type Db = Pick<Warehouse, 'query'>;

const GROUP_COLUMNS: Record<AgingGroupBy, { key: string; label: string }> = {
  customer: { key: 'customer_id', label: 'any_value(customer_name)' },
  segment: { key: 'segment', label: 'segment' },
  region: { key: 'region', label: 'region' },
  currency: { key: 'currency', label: 'currency' },
};

/** The parameters of sql/queries/aging_invoices.sql: $4 scopes it to one customer (null: all of them). */
const bind = (p: AgingParams, customerId: string | null = null) => [p.asOf, p.basis, p.bounds.join(','), customerId];

/**
 * The aging report: open balances at the end of the as-of day, in buckets, per group and currency.
 * Bucket totals are sums of the same per-invoice balances (sql/queries/aging_invoices.sql), so they
 * reconcile to the open balances exactly.
 */
export async function agingReport(db: Db, params: AgingParams): Promise<AgingReport> {
  const g = GROUP_COLUMNS[params.groupBy];
  const rows = await db.query<{ key: string; label: string; currency: string; bucket: bigint; open: bigint; invoices: bigint }>(
    `SELECT ${g.key} AS key, ${g.label} AS label, currency, bucket, sum(open_minor)::BIGINT AS open, count(*) AS invoices
     FROM (${sqlQuery('aging_invoices')}) GROUP BY ${g.key}, currency, bucket`,
    bind(params),
  );
  const width = params.bounds.length + 1;
  const groups = new Map<string, { key: string; label: string; currency: string; buckets: bigint[]; invoices: number }>();
  for (const r of rows) {
    const id = `${r.currency}\u0000${r.key}`;
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { key: r.key, label: params.groupBy === 'customer' ? personal(r.label, 'name') : r.label, currency: r.currency, buckets: Array(width).fill(0n), invoices: 0 }));
    group.buckets[Number(r.bucket)]! += r.open;
    group.invoices += Number(r.invoices);
  }
  const withTotal = (g: { key: string; label: string; currency: string; buckets: bigint[]; invoices: number }): AgingRow => ({
    ...g,
    total: g.buckets.reduce((s, b) => s + b, 0n),
  });
  const sorted = [...groups.values()].map(withTotal).sort((a, b) => a.currency.localeCompare(b.currency) || (b.total > a.total ? 1 : b.total < a.total ? -1 : a.key.localeCompare(b.key)));
  const totals = new Map<string, { key: string; label: string; currency: string; buckets: bigint[]; invoices: number }>();
  for (const r of sorted) {
    let t = totals.get(r.currency);
    if (!t) totals.set(r.currency, (t = { key: r.currency, label: `Total ${r.currency}`, currency: r.currency, buckets: Array(width).fill(0n), invoices: 0 }));
    r.buckets.forEach((b, i) => (t!.buckets[i]! += b));
    t.invoices += r.invoices;
  }
  return {
    params,
    buckets: bucketLabels(params.bounds, params.basis).map((label, index) => ({ index, label })),
    rows: sorted,
    totals: [...totals.values()].map(withTotal),
  };
}

export interface AgingDrill {
  readonly currency: string;
  readonly bucket: number | null;
  /** Restrict to one group of the report (e.g. groupBy segment, key 'smb'). */
  readonly groupBy?: AgingGroupBy;
  readonly key?: string;
  readonly limit?: number;
  readonly offset?: number;
}

/** The invoices behind one bucket (or a whole group), largest open balance first. */
export async function agingInvoices(db: Db, params: AgingParams, drill: AgingDrill): Promise<AgingInvoice[]> {
  if (drill.bucket !== null && (!Number.isInteger(drill.bucket) || drill.bucket < 0 || drill.bucket > params.bounds.length)) {
    throw new ReceivablesInputError('BAD_BUCKET', `bucket must be 0 to ${params.bounds.length}`, 'bucket');
  }
  const limit = Number.isInteger(drill.limit) ? Math.min(Math.max(1, drill.limit!), 1000) : 100;
  const offset = Number.isInteger(drill.offset) ? Math.max(0, drill.offset!) : 0;
  // one customer's cell: the scan itself is scoped to them (same rows, a fraction of the work)
  const scope = drill.groupBy === 'customer' && drill.key ? drill.key : null;
  const values: (string | number | null)[] = [...bind(params, scope), drill.currency, drill.bucket, drill.key ?? null, limit, offset];
  const keyColumn = GROUP_COLUMNS[drill.groupBy ?? 'currency'].key;
  const rows = await db.query<Record<string, unknown>>(
    `SELECT * FROM (${sqlQuery('aging_invoices')})
     WHERE currency = $5 AND ($6::INTEGER IS NULL OR bucket = $6) AND ($7::VARCHAR IS NULL OR ${keyColumn} = $7)
     ORDER BY open_minor DESC, invoice_id LIMIT $8 OFFSET $9`,
    values,
  );
  return rows.map(agingInvoiceFromRow);
}

function agingInvoiceFromRow(r: Record<string, unknown>): AgingInvoice {
  return {
    invoiceId: r.invoice_id as string,
    number: r.number as string,
    customerId: r.customer_id as string,
    customerName: personal(r.customer_name as string, 'name'),
    segment: r.segment as string,
    region: r.region as string,
    currency: r.currency as string,
    issuedOn: isoDay(r.issued_on),
    dueOn: isoDay(r.due_on),
    openMinor: r.open_minor as bigint,
    ageDays: Number(r.age_days),
    bucket: Number(r.bucket),
  };
}

/**
 * One customer's open invoices at the end of `asOf`, every currency, oldest due first: the case
 * page's list. The same rows as agingInvoices per currency with key = the customer.
 */
export async function customerAgingInvoices(db: Db, params: AgingParams, customerId: string): Promise<AgingInvoice[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT * FROM (${sqlQuery('aging_invoices')}) WHERE customer_id = $4 ORDER BY age_days DESC, invoice_id LIMIT 1000`,
    bind(params, customerId),
  );
  return rows.map(agingInvoiceFromRow);
}

function isoDay(value: unknown): string {
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
}

export interface QueueEntry {
  readonly customerId: string;
  readonly customerName: string;
  readonly segment: string;
  readonly region: string;
  readonly currency: string;
  readonly overdueMinor: bigint;
  readonly openMinor: bigint;
  readonly overdueInvoices: number;
  readonly oldestDueOn: string;
  readonly maxDaysPastDue: number;
  readonly lateShare: number;
  readonly priorityScore: number;
}

/** Customers with overdue debt as of a day, highest priority first (sql/queries/collections_queue.sql). */
export async function collectionsQueue(db: Db, asOf: string, page: { limit: number; offset: number }): Promise<QueueEntry[]> {
  const rows = await db.query<Record<string, unknown>>(
    `WITH aging AS (${sqlQuery('aging_invoices')})
     SELECT * FROM (${sqlQuery('collections_queue')}) ORDER BY priority_score DESC, overdue_minor DESC, customer_id LIMIT $5 OFFSET $6`,
    [asOf, 'due_date', '0', null, Math.min(Math.max(1, page.limit), 500), Math.max(0, page.offset)],
  );
  return rows.map(queueEntryFromRow);
}

/** A row of sql/queries/collections_queue.sql as a QueueEntry (shared with the filtered queue page). */
export function queueEntryFromRow(r: Record<string, unknown>): QueueEntry {
  return {
    customerId: r.customer_id as string,
    customerName: personal(r.customer_name as string, 'name'),
    segment: r.segment as string,
    region: r.region as string,
    currency: r.currency as string,
    overdueMinor: r.overdue_minor as bigint,
    openMinor: r.open_minor as bigint,
    overdueInvoices: Number(r.overdue_invoices),
    oldestDueOn: isoDay(r.oldest_due_on),
    maxDaysPastDue: Number(r.max_days_past_due),
    lateShare: Number(r.late_share),
    priorityScore: Number(r.priority_score),
  };
}
