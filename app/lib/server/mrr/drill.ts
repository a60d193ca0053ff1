import { listValue } from '@duckdb/node-api';
import type { MonthString } from '../../months.ts';
import { MrrInputError } from './errors.ts';
import { parseFilters, parseKind, parseMonth, parsePaging, parseSettings } from './params.ts';
import { composedQuery, movementParams, toBigint, toMonth, toNumberOrNull, type Db } from './queries.ts';
import type { MovementCustomer, MovementKind, MrrFilters, MrrSettings, SubscriptionEvent } from './types.ts';
import { sqlQuery } from '../../../../pipelines/warehouse/sql-files.ts';
import { personal } from '../auth/mask.ts';

/** Most rows one page of the drill-down returns. */
export const MAX_PAGE = 1000;
/** Most rows one CSV download holds. */
export const MAX_CSV_ROWS = 100_000;

/** /mrr/movements and GET /api/v1/mrr/movements: which months, currency, kind and filters. */
export interface MovementsInput {
  readonly settings: MrrSettings;
  /** currency is required: a movement is in one currency. */
  readonly filters: MrrFilters & { readonly currency: string };
  readonly from: MonthString;
  readonly to: MonthString;
  readonly kind: MovementKind | null;
  readonly paging: { readonly limit: number; readonly offset: number };
}

/** month=YYYY-MM (or from/to for a quarter or a year), currency (required), kind, filters, settings, limit, offset. */
export function parseMovementsInput(search: URLSearchParams, paging: { defaultLimit: number; maxLimit: number }): MovementsInput {
  const month = parseMonth(search, 'month');
  const from = parseMonth(search, 'from') ?? month;
  const to = parseMonth(search, 'to') ?? month ?? from;
  if (!from || !to) throw new MrrInputError('BAD_MONTH', 'month is required, e.g. month=2026-03 (or from and to)', 'month');
  if (from > to) throw new MrrInputError('MONTH_RANGE_REVERSED', `from (${from}) is after to (${to})`, 'from');
  const filters = parseFilters(search);
  if (!filters.currency) throw new MrrInputError('BAD_CURRENCY', 'currency is required, e.g. currency=RUB: movements are never added across currencies', 'currency');
  return { settings: parseSettings(search), filters: { ...filters, currency: filters.currency }, from, to, kind: parseKind(search), paging: parsePaging(search, paging) };
}

export interface MovementsPage {
  readonly input: MovementsInput;
  /** Rows matching, before paging, and the sum of their deltas: the bridge figure (minor units). */
  readonly total: number;
  readonly deltaMinor: bigint;
  /** Largest change first. */
  readonly rows: readonly MovementCustomer[];
}

type RawRow = Record<string, unknown>;

/** One page of the customers behind a bridge figure, with their subscription events. */
export async function movementsPage(db: Db, input: MovementsInput): Promise<MovementsPage> {
  const f = input.filters;
  const limit = Math.min(input.paging.limit, MAX_PAGE);
  const raw = await db.query<RawRow>(composedQuery('mrr_movement_customers'), [
    ...movementParams(input.settings, f.plan !== null),
    `${input.from}-01`, `${input.to}-01`, f.currency, input.kind, f.segment, f.region, f.plan, limit, input.paging.offset,
  ]);
  const events = await subscriptionEvents(db, [...new Set(raw.map((r) => String(r.customer_id)))], f.currency, input.from, input.to);
  const rows = raw.map((r): MovementCustomer => {
    const customerId = String(r.customer_id);
    const month = toMonth(r.month) as MonthString;
    return {
      month, customerId, customerName: personal(String(r.customer_name), 'name'), segment: String(r.segment), region: String(r.region),
      planCode: r.plan_code === null ? null : String(r.plan_code), currency: String(r.currency), kind: r.kind as MovementKind,
      previousMrrMinor: toBigint(r.prev_mrr_minor), mrrMinor: toBigint(r.mrr_minor), deltaMinor: toBigint(r.delta_minor),
      usageMinor: toBigint(r.usage_minor), trialMinor: toBigint(r.trial_minor),
      maxDaysPastDue: toNumberOrNull(r.max_days_past_due), pastDueChurned: Boolean(r.past_due_churned),
      events: (events.get(customerId) ?? []).filter((e) => e.month === month).map((e) => e.event),
    };
  });
  const first = raw[0];
  return { input, total: first ? Number(first.total_rows) : 0, deltaMinor: first ? toBigint(first.total_delta_minor) : 0n, rows };
}

/** Every row of a drill (up to `max`), page by page: what the CSV download holds. */
export async function allMovements(db: Db, input: MovementsInput, max = MAX_CSV_ROWS): Promise<MovementCustomer[]> {
  const out: MovementCustomer[] = [];
  while (out.length < max) {
    const limit = Math.min(MAX_PAGE, max - out.length);
    const page = await movementsPage(db, { ...input, paging: { limit, offset: out.length } });
    out.push(...page.rows);
    if (page.rows.length < limit) break;
  }
  return out;
}

async function subscriptionEvents(db: Db, customerIds: string[], currency: string, from: MonthString, to: MonthString) {
  const byCustomer = new Map<string, { month: MonthString; event: SubscriptionEvent }[]>();
  if (!customerIds.length) return byCustomer;
  const rows = await db.query<RawRow>(
    `SELECT *, strftime(date_trunc('month', timezone((SELECT business_timezone FROM meta.settings), event_at - interval 1 microsecond)), '%Y-%m') AS month
     FROM (${sqlQuery('mrr_subscription_events')})`,
    [listValue(customerIds), currency, `${from}-01`, `${to}-01`],
  );
  for (const r of rows) {
    const list = byCustomer.get(String(r.customer_id)) ?? [];
    list.push({
      // the close an event first counts at: an event exactly at a close belongs to the month it closes
      month: String(r.month) as MonthString,
      event: {
        subscriptionId: String(r.subscription_id), event: String(r.event), at: new Date(r.event_at as Date | string).toISOString(),
        planCode: String(r.plan_code), quantity: toNumberOrNull(r.quantity), mrrMinor: r.mrr_minor === null ? null : toBigint(r.mrr_minor),
      },
    });
    byCustomer.set(String(r.customer_id), list);
  }
  return byCustomer;
}
