/**
 * The collections queue's filters as structured data. The same filter travels three ways: as GET
 * parameters (the page's form and links), as a small expression tree stored in a saved view
 * (`{ and: [{ field: 'segment', op: 'eq', value: 'smb' }, …] }`, the workbench's saved_views.filters),
 * and as bound parameters of one DuckDB query (server/collections/queue.ts). Fields and operators
 * come from a whitelist; anything else is refused with a message naming it, never passed on.
 * Client-safe: the page builds view links with it.
 */

export interface QueueFilter {
  readonly segment: string | null;
  readonly currency: string | null;
  /** 'me': the current collector's cases; 'unassigned': customers without a collector (also those with no case yet). */
  readonly assignee: 'me' | 'unassigned' | null;
  /** Only customers with an invoice in open dispute. */
  readonly disputed: boolean;
  /** Oldest overdue invoice at least this many days past due. */
  readonly minDaysPastDue: number | null;
}

export const NO_QUEUE_FILTER: QueueFilter = { segment: null, currency: null, assignee: null, disputed: false, minDaysPastDue: null };

/** A filter that cannot be read (bad GET parameter, a saved view of an unknown shape). */
export class QueueFilterError extends Error {
  readonly code = 'QUEUE_FILTER_INVALID';
  readonly status = 400;
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

const SEGMENT = /^[\p{L}\p{N} _.-]{1,64}$/u;
const CURRENCY = /^[A-Z]{3}$/;
const MAX_DAYS = 100_000;

function segmentValue(value: unknown, field: string): string {
  if (typeof value !== 'string' || !SEGMENT.test(value)) throw new QueueFilterError(field, `Segment ${JSON.stringify(value)} is not a segment name`);
  return value;
}

function currencyValue(value: unknown, field: string): string {
  const code = typeof value === 'string' ? value.trim().toUpperCase() : value;
  if (typeof code !== 'string' || !CURRENCY.test(code)) throw new QueueFilterError(field, `Currency ${JSON.stringify(value)} is not an ISO 4217 code such as RUB`);
  return code;
}

function assigneeValue(value: unknown, field: string): 'me' | 'unassigned' {
  if (value !== 'me' && value !== 'unassigned') throw new QueueFilterError(field, `Assigned must be "me" or "unassigned", not ${JSON.stringify(value)}`);
  return value;
}

function daysValue(value: unknown, field: string): number {
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX_DAYS) throw new QueueFilterError(field, `Days past due must be a whole number from 0 to ${MAX_DAYS}, not ${JSON.stringify(value)}`);
  return n;
}

/** From GET parameters; an empty parameter means "all". Throws QueueFilterError for a value that does not parse. */
export function parseQueueFilter(params: URLSearchParams): QueueFilter {
  const text = (name: string) => params.get(name)?.trim() || null;
  const segment = text('segment');
  const currency = text('currency');
  const assignee = text('assignee');
  const days = text('minDays');
  const disputed = text('disputed');
  if (disputed !== null && disputed !== '1') throw new QueueFilterError('disputed', `disputed must be 1 or left out, not "${disputed}"`);
  return {
    segment: segment === null ? null : segmentValue(segment, 'segment'),
    currency: currency === null ? null : currencyValue(currency, 'currency'),
    assignee: assignee === null ? null : assigneeValue(assignee, 'assignee'),
    disputed: disputed === '1',
    minDaysPastDue: days === null ? null : daysValue(days, 'minDays'),
  };
}

/** The GET parameters of a filter (what parseQueueFilter reads back). */
export function queueFilterParams(filter: QueueFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.segment !== null) params.set('segment', filter.segment);
  if (filter.currency !== null) params.set('currency', filter.currency);
  if (filter.assignee !== null) params.set('assignee', filter.assignee);
  if (filter.disputed) params.set('disputed', '1');
  if (filter.minDaysPastDue !== null) params.set('minDays', String(filter.minDaysPastDue));
  return params;
}

/** `/collections?…` for a filter (page 1). */
export function queueHref(filter: QueueFilter): string {
  const query = queueFilterParams(filter).toString();
  return query ? `/collections?${query}` : '/collections';
}

type Condition = { field: string; op: string; value: string | number | boolean };
export type QueueFilterTree = { and: Condition[] };

/** The saved-view form: one `eq`/`gte` condition per set filter, ANDed. */
export function queueFilterToTree(filter: QueueFilter): QueueFilterTree {
  const and: Condition[] = [];
  if (filter.segment !== null) and.push({ field: 'segment', op: 'eq', value: filter.segment });
  if (filter.currency !== null) and.push({ field: 'currency', op: 'eq', value: filter.currency });
  if (filter.assignee !== null) and.push({ field: 'assignee', op: 'eq', value: filter.assignee });
  if (filter.disputed) and.push({ field: 'disputed', op: 'eq', value: true });
  if (filter.minDaysPastDue !== null) and.push({ field: 'daysPastDue', op: 'gte', value: filter.minDaysPastDue });
  return { and };
}

/**
 * A saved view's tree back into a filter, checked: unknown fields or operators, a field given
 * twice, or a value of the wrong kind throw QueueFilterError naming the condition.
 */
export function queueFilterFromTree(tree: unknown): QueueFilter {
  if (typeof tree !== 'object' || tree === null || Array.isArray(tree) || !Array.isArray((tree as { and?: unknown }).and) || Object.keys(tree).length !== 1) {
    throw new QueueFilterError('filters', 'A saved view must hold { "and": [conditions] }');
  }
  const out: { -readonly [K in keyof QueueFilter]: QueueFilter[K] } = { ...NO_QUEUE_FILTER };
  const seen = new Set<string>();
  (tree as { and: unknown[] }).and.forEach((condition, i) => {
    const where = `filters.and[${i}]`;
    if (typeof condition !== 'object' || condition === null) throw new QueueFilterError(where, `Condition ${i + 1} is not { field, op, value }`);
    const { field, op, value } = condition as Partial<Condition>;
    const key = `${field}:${op}`;
    if (seen.has(key)) throw new QueueFilterError(where, `Condition ${i + 1} repeats ${field} ${op}`);
    seen.add(key);
    if (field === 'segment' && op === 'eq') out.segment = segmentValue(value, where);
    else if (field === 'currency' && op === 'eq') out.currency = currencyValue(value, where);
    else if (field === 'assignee' && op === 'eq') out.assignee = assigneeValue(value, where);
    else if (field === 'disputed' && op === 'eq' && value === true) out.disputed = true;
    else if (field === 'daysPastDue' && op === 'gte') out.minDaysPastDue = daysValue(value, where);
    else throw new QueueFilterError(where, `Condition ${i + 1} (${JSON.stringify(field)} ${JSON.stringify(op)} ${JSON.stringify(value)}) is not a queue filter this version knows`);
  });
  return out;
}

/** "smb · RUB · mine · disputed · ≥ 90 days"; "All overdue customers" when nothing is set. */
export function describeQueueFilter(filter: QueueFilter): string {
  const parts = [
    filter.segment,
    filter.currency,
    filter.assignee === 'me' ? 'assigned to me' : filter.assignee === 'unassigned' ? 'unassigned' : null,
    filter.disputed ? 'with an open dispute' : null,
    filter.minDaysPastDue !== null ? `≥ ${filter.minDaysPastDue} days past due` : null,
  ].filter((p): p is string => p !== null);
  return parts.length ? parts.join(' · ') : 'All overdue customers';
}
