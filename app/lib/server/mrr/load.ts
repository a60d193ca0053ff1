import { addMonths, type MonthString } from '../../months.ts';
import { byPlan, composedQuery, movementParams, toBigint, toBigintOrNull, toMonth, toNumber, toNumberOrNull, type Db } from './queries.ts';
import type { CohortCell, MrrInput, MrrPeriod, MrrPeriodRow } from './types.ts';

/** Months shown when the request names none: the last two years with data. */
export const DEFAULT_MONTHS = 24;

export interface MonthBounds {
  readonly first: MonthString;
  readonly last: MonthString;
  /** The last month whose close has passed (its figures are final); `last` when none has. */
  readonly lastClosed: MonthString;
}

/** The months the warehouse has MRR closes for (business time zone); null before any subscription. */
export async function mrrMonthBounds(db: Db): Promise<MonthBounds | null> {
  const [row] = await db.query<{ first: string | null; last: string | null; last_closed: string | null }>(
    `SELECT strftime(min(month), '%Y-%m') AS first, strftime(max(month), '%Y-%m') AS last,
            strftime(max(month) FILTER (WHERE close_at <= current_timestamp), '%Y-%m') AS last_closed
     FROM intermediate.int_mrr_month_closes`,
  );
  if (!row?.first || !row.last) return null;
  return { first: row.first as MonthString, last: row.last as MonthString, lastClosed: (row.last_closed ?? row.last) as MonthString };
}

/** The first month of the period holding `month`. */
export function periodStart(month: MonthString, period: MrrPeriod): MonthString {
  if (period === 'month') return month;
  const [y, m] = month.split('-').map(Number) as [number, number];
  const first = period === 'year' ? 1 : Math.floor((m - 1) / 3) * 3 + 1;
  return `${y}-${String(first).padStart(2, '0')}` as MonthString;
}

/**
 * from/to of a request, defaults filled from the data: to = the last month whose close has passed
 * (the current month is shown only when asked for, marked "to date"), from = DEFAULT_MONTHS before
 * it but not before the first month with a close.
 */
export function resolveRange(input: Pick<MrrInput, 'from' | 'to'>, bounds: MonthBounds): { from: MonthString; to: MonthString } {
  const to = input.to ?? (input.from && input.from > bounds.lastClosed ? input.from : bounds.lastClosed);
  const earliest = addMonths(to, -(DEFAULT_MONTHS - 1));
  const from = input.from ?? (bounds.first > earliest && bounds.first <= to ? bounds.first : earliest);
  return { from, to };
}

type RawRow = Record<string, unknown>;

function toPeriodRow(r: RawRow): MrrPeriodRow {
  return {
    period: toMonth(r.period) as MonthString,
    currency: String(r.currency),
    groupKey: String(r.group_key ?? ''),
    firstMonth: toMonth(r.first_month) as MonthString,
    lastMonth: toMonth(r.last_month) as MonthString,
    months: toNumber(r.months),
    toDate: Boolean(r.to_date),
    openingMrrMinor: toBigint(r.opening_mrr_minor),
    newMinor: toBigint(r.new_minor),
    reactivationMinor: toBigint(r.reactivation_minor),
    expansionMinor: toBigint(r.expansion_minor),
    contractionMinor: toBigint(r.contraction_minor),
    churnMinor: toBigint(r.churn_minor),
    netChangeMinor: toBigint(r.net_change_minor),
    mrrMinor: toBigint(r.mrr_minor),
    arrMinor: toBigint(r.arr_minor),
    usageMinor: toBigint(r.usage_minor),
    openingCustomers: toNumber(r.opening_customers),
    newCustomers: toNumber(r.new_customers),
    reactivatedCustomers: toNumber(r.reactivated_customers),
    churnedCustomers: toNumber(r.churned_customers),
    customers: toNumber(r.customers),
    payingCustomers: toNumber(r.paying_customers),
    logoChurnRate: toNumberOrNull(r.logo_churn_rate),
    revenueChurnRate: toNumberOrNull(r.revenue_churn_rate),
    netRevenueChurnRate: toNumberOrNull(r.net_revenue_churn_rate),
    grr: toNumberOrNull(r.grr),
    nrr: toNumberOrNull(r.nrr),
    grr12m: toNumberOrNull(r.grr_12m),
    nrr12m: toNumberOrNull(r.nrr_12m),
    arpuMinor: toBigintOrNull(r.arpu_minor),
    ltvMinor: toBigintOrNull(r.ltv_minor),
    changeMrr: toNumberOrNull(r.change_mrr),
    changeCustomers: toNumberOrNull(r.change_customers),
    changeArpu: toNumberOrNull(r.change_arpu),
  };
}

/**
 * MRR, bridge and retention per period × currency × group (sql/queries/mrr_periods.sql), from the
 * period holding `from` to the one holding `to`. Every row is in one currency; a caller that wants
 * one reporting currency converts these rows (per currency, at dated rates) at the edge.
 * `lookback: false` is for callers that read neither ltvMinor nor the first period's change*:
 * the twelve months before `from` are not summed and those fields are null (the rest is the same).
 */
export async function mrrPeriods(
  db: Db,
  input: MrrInput,
  range: { from: MonthString; to: MonthString },
  options: { readonly lookback?: boolean } = {},
): Promise<MrrPeriodRow[]> {
  const f = input.filters;
  const rows = await db.query<RawRow>(composedQuery('mrr_periods'), [
    ...movementParams(input.settings, byPlan(f, input.groupBy)),
    input.groupBy, input.period,
    `${periodStart(range.from, input.period)}-01`, `${periodStart(range.to, input.period)}-01`,
    f.currency, f.segment, f.region, f.plan,
    options.lookback ?? true,
  ]);
  return rows.map(toPeriodRow);
}

/** Cohort cells (sql/queries/mrr_cohorts.sql) for cohorts from `from` to `to`. */
export async function mrrCohorts(db: Db, input: MrrInput, range: { from: MonthString; to: MonthString }): Promise<CohortCell[]> {
  const f = input.filters;
  const rows = await db.query<RawRow>(composedQuery('mrr_cohorts'), [
    ...movementParams(input.settings, f.plan !== null),
    `${range.from}-01`, `${range.to}-01`,
    f.currency, f.segment, f.region, f.plan,
  ]);
  return rows.map((r) => ({
    cohort: toMonth(r.cohort) as MonthString,
    currency: String(r.currency),
    age: toNumber(r.age),
    customers: toNumber(r.customers),
    cohortCustomers: toNumber(r.cohort_customers),
    mrrMinor: toBigint(r.mrr_minor),
    cohortMrrMinor: toBigint(r.cohort_mrr_minor),
    logoRetention: toNumber(r.logo_retention),
    revenueRetention: toNumberOrNull(r.revenue_retention),
  }));
}

/** Currencies with MRR at some close, most customer-months first (never compares amounts across currencies). */
export async function mrrCurrencies(db: Db): Promise<string[]> {
  const rows = await db.query<{ currency: string }>(
    `SELECT currency FROM marts.mrr_customer_months WHERE NOT by_plan GROUP BY currency ORDER BY count(*) DESC, currency`,
  );
  return rows.map((r) => r.currency);
}

/** The values the filters offer: segments and regions of the customers, plan codes of the plans (small staging tables). */
export async function mrrFilterOptions(db: Db): Promise<{ segments: string[]; regions: string[]; plans: string[] }> {
  const [row] = await db.query<{ segments: string[] | null; regions: string[] | null; plans: string[] | null }>(
    `SELECT (SELECT list(DISTINCT segment ORDER BY segment) FROM staging.stg_billing__customers) AS segments,
            (SELECT list(DISTINCT region ORDER BY region) FROM staging.stg_billing__customers) AS regions,
            (SELECT list(DISTINCT code ORDER BY code) FROM staging.stg_billing__plans) AS plans`,
  );
  return { segments: row?.segments ?? [], regions: row?.regions ?? [], plans: row?.plans ?? [] };
}
