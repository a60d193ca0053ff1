import type { Warehouse } from '../../../../pipelines/warehouse/connection.ts';
import { collectionsQueue, type QueueEntry } from '../receivables/aging.ts';
import { listCases, type Case, type Staff, type WorkbenchDb } from '../workbench/index.ts';
import { CHURN_PRIORITY_DEFINITION, latestChurnRisk, priorityWithChurn, type CustomerChurnRisk } from '../churn/collections-risk.ts';

/** How many rows the queue page shows. */
export const QUEUE_PAGE_SIZE = 50;
/** How deep the filters look: the warehouse ranks, then segment/currency/assignee filter this many rows. */
const QUEUE_SCAN = 500;

/** The queue's filters, from GET params. `assignee`: 'me' (the current collector), 'unassigned', or all. */
export interface QueueFilter {
  readonly segment: string | null;
  readonly currency: string | null;
  readonly assignee: 'me' | 'unassigned' | null;
}

export function parseQueueFilter(params: URLSearchParams): QueueFilter {
  const text = (name: string) => params.get(name)?.trim() || null;
  const assignee = text('assignee');
  return { segment: text('segment'), currency: text('currency')?.toUpperCase() ?? null, assignee: assignee === 'me' || assignee === 'unassigned' ? assignee : null };
}

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
  /** Rows that matched the filters before the page cut. */
  readonly matched: number;
  /** Segment and currency choices (from the scanned queue). */
  readonly segments: readonly string[];
  readonly currencies: readonly string[];
}

/**
 * The collections queue as of `asOf`: collectionsQueue's ranking (sql/queries/collections_queue.sql)
 * joined to the open workbench cases by customer id, filtered, first page.
 * Known limitation: filters apply to the top QUEUE_SCAN customers of the ranking.
 */
export async function loadQueuePage(
  warehouse: Pick<Warehouse, 'query'>,
  workbench: WorkbenchDb,
  input: { readonly asOf: string; readonly filter: QueueFilter; readonly me: Staff | null; readonly staff: readonly Staff[] },
): Promise<QueuePage> {
  const entries = await collectionsQueue(warehouse, input.asOf, { limit: QUEUE_SCAN, offset: 0 });
  const customerIds = [...new Set(entries.map((e) => e.customerId))];
  const cases = customerIds.length ? await listCases(workbench, { customerIds, limit: customerIds.length }) : [];
  const byCustomer = new Map<string, Case>(cases.map((c) => [c.customer_id, c]));
  const names = new Map(input.staff.map((s) => [s.id, s.name]));
  const churn = await latestChurnRisk(workbench, customerIds);
  // Churn risk joins the priority: re-rank the warehouse's order by the combined score (stable for ties).
  const ranked = entries.map((e) => ({ e, p: priorityWithChurn(e.priorityScore, churn, e.customerId) })).sort((a, b) => b.p - a.p);
  const all: QueueRow[] = ranked.map(({ e, p }, i) => {
    const c = byCustomer.get(e.customerId);
    return {
      ...e,
      churn: churn.byCustomer.get(e.customerId) ?? null,
      priorityWithChurn: p,
      rank: i + 1,
      caseId: c?.id ?? null,
      caseVersion: c?.version ?? null,
      caseStatus: c ? 'open' : 'none',
      assignedTo: c?.assigned_to ?? null,
      assignedName: c?.assigned_to != null ? (names.get(c.assigned_to) ?? `#${c.assigned_to}`) : null,
    };
  });
  const f = input.filter;
  const matching = all.filter(
    (r) =>
      (f.segment === null || r.segment === f.segment) &&
      (f.currency === null || r.currency === f.currency) &&
      (f.assignee === null || (f.assignee === 'unassigned' ? r.assignedTo === null : input.me !== null && r.assignedTo === input.me.id)),
  );
  return {
    asOf: input.asOf,
    rows: matching.slice(0, QUEUE_PAGE_SIZE),
    matched: matching.length,
    segments: [...new Set(all.map((r) => r.segment))].sort(),
    currencies: [...new Set(all.map((r) => r.currency))].sort(),
  };
}

/** What the priority score means, for the column's tooltip (mirrors the header of sql/queries/collections_queue.sql). */
export const PRIORITY_SCORE_DEFINITION =
  'Priority score, 0–100, higher is worked first: 40 × min(1, days past due of the oldest overdue invoice / 90) ' +
  '+ 35 × min(1, overdue amount / average monthly billing of the last 12 months / 3) ' +
  '+ 25 × late share (of the invoices due in the last 12 months, the share paid late or still unpaid). ' +
  CHURN_PRIORITY_DEFINITION;
