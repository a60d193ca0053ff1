import type { Warehouse } from '../../../../pipelines/warehouse/connection.ts';
import { isCurrencyCode } from '../../money.ts';
import { addMonths, isMonthString, monthOf, monthSpan, type MonthString } from '../../months.ts';
import type { RevenueFilters } from '../../revenue/types.ts';
import { RevenueFilterError } from './errors.ts';

/** Longest period one request may ask for (20 years), so a typo cannot ask for millennia. */
export const MAX_MONTHS = 240;
const MAX_DIMENSION_LENGTH = 200;

/** Validated request filters before defaults: every field optional. */
export interface RevenueFilterInput {
  readonly from?: MonthString;
  readonly to?: MonthString;
  readonly segment?: string;
  readonly region?: string;
  readonly currency?: string;
}

/** Reads from, to, segment, region and currency from a query string. Empty values count as absent. */
export function parseRevenueFilterInput(params: URLSearchParams): RevenueFilterInput {
  const text = (name: string) => {
    const value = params.get(name)?.trim();
    return value ? value : undefined;
  };
  const month = (name: 'from' | 'to') => {
    const value = text(name);
    if (value === undefined) return undefined;
    if (!isMonthString(value)) {
      throw new RevenueFilterError('BAD_MONTH', name, `${name}=${JSON.stringify(value)} is not a month; write YYYY-MM, e.g. 2025-01`);
    }
    return value;
  };
  const dimension = (name: 'segment' | 'region') => {
    const value = text(name);
    if (value !== undefined && value.length > MAX_DIMENSION_LENGTH) {
      throw new RevenueFilterError('BAD_DIMENSION', name, `${name} is longer than ${MAX_DIMENSION_LENGTH} characters`);
    }
    return value;
  };
  const from = month('from');
  const to = month('to');
  if (from && to) checkRange(from, to);
  const rawCurrency = text('currency');
  let currency: string | undefined;
  if (rawCurrency !== undefined) {
    currency = rawCurrency.toUpperCase();
    if (!isCurrencyCode(currency)) {
      throw new RevenueFilterError('BAD_CURRENCY', 'currency', `currency=${JSON.stringify(rawCurrency)} is not an ISO 4217 code; write three letters, e.g. USD`);
    }
  }
  return { from, to, segment: dimension('segment'), region: dimension('region'), currency };
}

function checkRange(from: MonthString, to: MonthString): void {
  const span = monthSpan(from, to);
  if (span < 1) throw new RevenueFilterError('MONTH_RANGE_REVERSED', 'from', `from=${from} is after to=${to}`);
  if (span > MAX_MONTHS) {
    throw new RevenueFilterError('MONTH_RANGE_TOO_LONG', 'from', `${from}…${to} is ${span} months; ask for at most ${MAX_MONTHS}`);
  }
}

export interface FilterDefaultsContext {
  /** "Now", for the default period when the mart is empty. */
  readonly now: Date;
  /** Business time zone (config.timezone) in which "this month" is read. */
  readonly timezone: string;
}

/**
 * Fills defaults from the mart: the period is the 12 months ending at the latest month in the mart
 * (or the current business month if the mart is empty), the currency is the one with the most
 * invoiced over the whole mart. Returns null when no currency was asked for and the mart is empty:
 * there is nothing to show.
 */
export async function resolveRevenueFilters(
  warehouse: Pick<Warehouse, 'query'>,
  input: RevenueFilterInput,
  context: FilterDefaultsContext,
): Promise<RevenueFilters | null> {
  const [stats] = await warehouse.query<{ latest: string | null }>(
    `select strftime(max(month), '%Y-%m') as latest from marts.revenue_monthly`,
  );
  const latest = (stats?.latest ?? monthOf(context.now, context.timezone)) as MonthString;
  let to = input.to ?? latest;
  if (!input.to && input.from && monthSpan(input.from, to) < 1) to = input.from;
  const from = input.from ?? addMonths(to, -11);
  checkRange(from, to);
  const currency = input.currency ?? (await defaultCurrency(warehouse));
  if (!currency) return null;
  return {
    from,
    to,
    currency,
    ...(input.segment !== undefined ? { segment: input.segment } : {}),
    ...(input.region !== undefined ? { region: input.region } : {}),
  };
}

/** The currency with the largest invoiced total in the whole mart (ties: alphabetical); null if empty. */
export async function defaultCurrency(warehouse: Pick<Warehouse, 'query'>): Promise<string | null> {
  const rows = await warehouse.query<{ currency: string }>(
    `select currency from marts.revenue_monthly group by currency order by sum(invoiced_minor) desc, currency limit 1`,
  );
  return rows[0]?.currency ?? null;
}
