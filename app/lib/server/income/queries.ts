import type { DuckDBValue } from '@duckdb/node-api';
import { minorUnits } from '../../money.ts';
import { monthStartDate, type MonthString } from '../../months.ts';
import { INCOME_LINES, type IncomeLineKey } from '../../income/lines.ts';
import type { IncomeAmounts } from '../../income/types.ts';
import type { WarehouseReader } from '../revenue/queries.ts';

/** One month of one currency: every statement line, deferred balance included. */
export interface IncomeMonthRow {
  readonly month: MonthString;
  readonly currency: string;
  readonly amounts: IncomeAmounts;
}

export interface IncomeQuery {
  readonly to: MonthString;
  readonly segment?: string;
  readonly region?: string;
  /** One currency, or all currencies (each its own rows) when absent. */
  readonly currency?: string;
}

const REVENUE_COLUMNS = ['invoiced_minor', 'invoiced_net_minor', 'tax_minor', 'collected_minor', 'refunds_minor', 'credit_notes_minor', 'net_collected_minor'] as const;
const INCOME_COLUMNS = ['recurring_minor', 'usage_minor', 'one_off_minor', 'discounts_minor', 'late_fees_minor', 'recognised_minor', 'write_offs_minor'] as const;

/**
 * Monthly statement lines per currency for every month with data up to `to`, read from the two marts
 * that define them. The deferred balance is a running total from the first month in the marts, so
 * earlier months are read too (the marts hold one row per month × segment × region × currency: small).
 */
export async function queryIncomeMonths(warehouse: WarehouseReader, query: IncomeQuery): Promise<IncomeMonthRow[]> {
  const params: DuckDBValue[] = [];
  const bind = (value: DuckDBValue) => {
    params.push(value);
    return `$${params.length}`;
  };
  const clauses = [`month <= ${bind(monthStartDate(query.to))}::date`];
  if (query.currency !== undefined) clauses.push(`currency = ${bind(query.currency)}`);
  if (query.segment !== undefined) clauses.push(`segment = ${bind(query.segment)}`);
  if (query.region !== undefined) clauses.push(`region = ${bind(query.region)}`);
  const where = clauses.join(' and ');
  const sums = (columns: readonly string[]) => columns.map((c) => `sum(${c}) as ${c}`).join(', ');
  const rows = await warehouse.query<Record<string, bigint> & { month: string; currency: string }>(
    `with revenue as (
  select month, currency, ${sums(REVENUE_COLUMNS)} from marts.revenue_monthly where ${where} group by all
),
income as (
  select month, currency, ${sums(INCOME_COLUMNS)} from marts.income_statement_monthly where ${where} group by all
),
joined as (
  select month, currency,
    ${REVENUE_COLUMNS.map((c) => `coalesce(r.${c}, 0)::hugeint as ${c}`).join(',\n    ')},
    ${INCOME_COLUMNS.map((c) => `coalesce(i.${c}, 0)::hugeint as ${c}`).join(',\n    ')}
  from revenue r full join income i using (month, currency)
),
with_balance as (
  select *, sum(invoiced_net_minor - recognised_minor) over (partition by currency order by month)::hugeint as deferred_minor
  from joined
)
select strftime(month, '%Y-%m') as month, currency, * exclude (month, currency)
from with_balance
order by currency, month`,
    params,
  );
  return rows.map((r) => ({
    month: r.month as MonthString,
    currency: r.currency,
    amounts: Object.fromEntries(INCOME_LINES.map((l) => [l.key, minorUnits(BigInt(r[l.key] ?? 0n))])) as IncomeAmounts,
  }));
}

/** Zero for every line. */
export function zeroAmounts(): IncomeAmounts {
  return Object.fromEntries(INCOME_LINES.map((l) => [l.key, minorUnits(0n)])) as IncomeAmounts;
}

/** Lines that are balances (carried, not summed, across months). */
export const BALANCE_LINES: ReadonlySet<IncomeLineKey> = new Set(INCOME_LINES.filter((l) => l.kind === 'balance').map((l) => l.key));
