import { listValue } from '@duckdb/node-api';
import type { Warehouse } from '../../../../pipelines/warehouse/connection.ts';
import { sqlQuery } from '../../../../pipelines/warehouse/sql-files.ts';
import { QueueFilterError, type QueueFilter } from '../../collections/queue-filter.ts';
import { queueEntryFromRow, type QueueEntry } from '../receivables/aging.ts';
import { customersWithOpenDisputes, listCases, type Case, type Staff, type WorkbenchDb } from '../workbench/index.ts';

export { parseQueueFilter, type QueueFilter } from '../../collections/queue-filter.ts';
import { CHURN_PRIORITY_DEFINITION, churnRankingScores, type CustomerChurnRisk } from '../churn/collections-risk.ts';

/** How many rows the queue page shows. */
export const QUEUE_PAGE_SIZE = 50;

/** One queue row: the warehouse's figures and the workbench's case for that customer (if any). */
export interface QueueRow extends QueueEntry {
  /** 1-based position in the unfiltered queue (priority order). */
  readonly rank: number;
  readonly caseId: bigint | null;
  readonly caseVersion: number | null;
  /** 'none' while the customer has no open case. */
  readonly caseStatus: 'open' | 'none';
  readonly assignedTo: bigint | null;
  readonly assignedName: string | null;
  /** Latest churn score (issue 6); null when the customer was not scored. */
  readonly churn: CustomerChurnRisk | null;
  /** priorityScore with churn risk mixed in (app/lib/server/churn/collections-risk.ts); the queue's order. */
  readonly priorityWithChurn: number;
}

export interface QueuePage {
  readonly asOf: string;
  readonly rows: readonly QueueRow[];
  /** Rows matching the filters over the whole queue. */
  readonly matched: number;
  /** 1-based page number and how many pages the matches fill. */
  readonly page: number;
  readonly pages: number;
  /** Segment and currency choices (every segment and currency of the billing data). */
  readonly segments: readonly string[];
  readonly currencies: readonly string[];
}

/** The `page` GET parameter: 1 when missing; QueueFilterError (400) for anything but a positive whole number. */
export function parseQueuePage(params: URLSearchParams): number {
  const text = params.get('page')?.trim();
  if (!text) return 1;
  if (!/^\d{1,6}$/.test(text) || Number(text) < 1) throw new QueueFilterError('page', `page must be a whole number from 1, not "${text}"`);
  return Number(text);
}

/**
 * The workbench side of a filter as customer-id lists for the warehouse query: `only` (null: no
 * restriction) and `except`. A collector's "mine" and "disputed" are sets of customers; "unassigned"
 * is everyone except the customers whose open case has a collector.
 */
async function workbenchRestriction(db: WorkbenchDb, filter: QueueFilter, me: Staff | null): Promise<{ only: string[] | null; except: string[] | null }> {
  let only: Set<string> | null = null;
  const intersect = (ids: Iterable<string>) => {
    const next = new Set(ids);
    only = only === null ? next : new Set([...only].filter((id) => next.has(id)));
  };
  if (filter.assignee === 'me') {
    intersect(me === null ? [] : (await db.selectFrom('cases').select('customer_id').where('status', '=', 'open').where('assigned_to', '=', me.id).execute()).map((r) => r.customer_id));
  }
  if (filter.disputed) intersect(await customersWithOpenDisputes(db));
  const except =
    filter.assignee === 'unassigned'
      ? (await db.selectFrom('cases').select('customer_id').where('status', '=', 'open').where('assigned_to', 'is not', null).execute()).map((r) => r.customer_id)
      : null;
  return { only: only === null ? null : [...(only as Set<string>)].sort(), except };
}

/**
 * The filter choices: every segment and currency of the billing data, sorted. From the small monthly mart, not
 * the staging views (a DISTINCT over every invoice costs more than the queue itself at scale M).
 */
const CHOICES = {
  segments: 'SELECT coalesce(list(DISTINCT segment ORDER BY segment), []) FROM marts.revenue_monthly WHERE segment IS NOT NULL',
  currencies: 'SELECT coalesce(list(DISTINCT currency ORDER BY currency), []) FROM marts.revenue_monthly',
} as const;

/**
 * The collections queue as of `asOf`, filtered over ALL overdue customers and paged, in one
 * parameterised DuckDB query: collections_queue.sql ranked (rank = position in the unfiltered
 * queue), the warehouse filters (segment, currency, days past due) and the workbench's (assigned,
 * disputed) as bound customer-id lists, count(*) OVER () for the number matched, LIMIT/OFFSET for
 * the page, and the filter choices. Then the page's rows joined to their open workbench cases.
 */
export async function loadQueuePage(
  warehouse: Pick<Warehouse, 'query'>,
  workbench: WorkbenchDb,
  input: { readonly asOf: string; readonly filter: QueueFilter; readonly page?: number; readonly pageSize?: number; readonly me: Staff | null; readonly staff: readonly Staff[] },
): Promise<QueuePage> {
  const f = input.filter;
  const page = Math.max(1, input.page ?? 1);
  const pageSize = Math.min(Math.max(1, input.pageSize ?? QUEUE_PAGE_SIZE), 500);
  const { only, except } = await workbenchRestriction(workbench, f, input.me);
  const churn = await churnRankingScores(workbench);
  // Nobody can match an empty "only" list (and DuckDB cannot type an empty list parameter).
  const rows = only?.length === 0 ? [] : await warehouse.query<Record<string, unknown>>(
    `WITH aging AS (${sqlQuery('aging_invoices')}),
     churn AS (SELECT unnest($12::VARCHAR[]) AS churn_customer_id, unnest($13::DOUBLE[]) AS churn_probability),
     scored AS (
       SELECT q.*, c.churn_probability,
         -- issue 6: churn risk joins the priority (CHURN_PRIORITY_DEFINITION); unchanged before any scoring run
         CASE WHEN $14::BOOLEAN THEN round(0.85 * q.priority_score + 15 * coalesce(c.churn_probability, 1), 1) ELSE q.priority_score END AS priority_with_churn
       FROM (${sqlQuery('collections_queue')}) q LEFT JOIN churn c ON c.churn_customer_id = q.customer_id
     ),
     ranked AS (
       SELECT *, row_number() OVER (ORDER BY priority_with_churn DESC, priority_score DESC, overdue_minor DESC, customer_id, currency) AS rank
       FROM scored
     )
     SELECT *, count(*) OVER () AS matched,
       -- the filter choices ride along (computed once, not per row), saving a round trip
       (${CHOICES.segments}) AS choice_segments, (${CHOICES.currencies}) AS choice_currencies
     FROM ranked
     WHERE ($5::VARCHAR IS NULL OR segment = $5)
       AND ($6::VARCHAR IS NULL OR currency = $6)
       AND ($7::INTEGER IS NULL OR max_days_past_due >= $7)
       AND ($8::VARCHAR[] IS NULL OR customer_id IN (SELECT unnest($8::VARCHAR[])))
       AND ($9::VARCHAR[] IS NULL OR customer_id NOT IN (SELECT unnest($9::VARCHAR[])))
     ORDER BY rank
     LIMIT $10 OFFSET $11`,
    [
      input.asOf, 'due_date', '0', null,
      f.segment, f.currency, f.minDaysPastDue,
      only === null ? null : listValue(only), except === null || except.length === 0 ? null : listValue(except),
      pageSize, (page - 1) * pageSize,
      churn.scored ? listValue(churn.customerIds) : null, churn.scored ? listValue(churn.probabilities) : null, churn.scored,
    ],
  );
  const entries = rows.map(queueEntryFromRow);
  const customerIds = [...new Set(entries.map((e) => e.customerId))];
  const cases = customerIds.length ? await listCases(workbench, { customerIds, limit: customerIds.length }) : [];
  const byCustomer = new Map<string, Case>(cases.map((c) => [c.customer_id, c]));
  const names = new Map(input.staff.map((s) => [s.id, s.name]));
  // An empty page carries no choices: ask for them on their own.
  const choices = rows.length
    ? { segments: rows[0]!.choice_segments as string[], currencies: rows[0]!.choice_currencies as string[] }
    : (await warehouse.query<{ segments: string[]; currencies: string[] }>(`SELECT (${CHOICES.segments}) AS segments, (${CHOICES.currencies}) AS currencies`))[0]!;
  const matched = rows.length ? Number(rows[0]!.matched) : 0;
  return {
    asOf: input.asOf,
    rows: entries.map((e, i) => {
      const c = byCustomer.get(e.customerId);
      return {
        ...e,
        rank: Number(rows[i]!.rank),
        churn: churn.byCustomer.get(e.customerId) ?? null,
        priorityWithChurn: Number(rows[i]!.priority_with_churn),
        caseId: c?.id ?? null,
        caseVersion: c?.version ?? null,
        caseStatus: c ? 'open' : 'none',
        assignedTo: c?.assigned_to ?? null,
        assignedName: c?.assigned_to != null ? (names.get(c.assigned_to) ?? `#${c.assigned_to}`) : null,
      };
    }),
    matched,
    page,
    pages: Math.max(1, Math.ceil(matched / pageSize)),
    segments: choices.segments,
    currencies: choices.currencies,
  };
}

/** What the priority score means, for the column's tooltip (mirrors the header of sql/queries/collections_queue.sql). */
export const PRIORITY_SCORE_DEFINITION =
  'Priority score, 0–100, higher is worked first: 40 × min(1, days past due of the oldest overdue invoice / 90) ' +
  '+ 35 × min(1, overdue amount / average monthly billing of the last 12 months / 3) ' +
  '+ 25 × late share (of the invoices due in the last 12 months, the share paid late or still unpaid). ' +
  CHURN_PRIORITY_DEFINITION;
