import type { Warehouse } from '../../../../pipelines/warehouse/connection.ts';
import { minorUnits } from '../../money.ts';
import { addMonths, monthRange, type MonthString } from '../../months.ts';
import { AMOUNT_MEASURES, KPI_MEASURES } from '../../revenue/measures.ts';
import type {
  RevenueAmountColumn,
  RevenueFilterOptions,
  RevenueFilters,
  RevenueKpi,
  RevenueMonthlyRow,
  RevenueTotals,
} from '../../revenue/types.ts';
import { compileRevenueWhere } from './where.ts';

/** The only dependency: parameterised reads. */
export type WarehouseReader = Pick<Warehouse, 'query'>;

const AMOUNT_COLUMNS = Object.keys(AMOUNT_MEASURES) as RevenueAmountColumn[];

// Sums of BIGINT are HUGEINT in DuckDB and arrive as bigint: exact, no overflow at 2^63.
const AMOUNT_SUMS = AMOUNT_COLUMNS.map((c) => `coalesce(sum(${c}), 0) as ${c}`).join(',\n  ');

type RawMonthly = { month: string } & Record<string, bigint>;

/**
 * Monthly figures of marts.revenue_monthly for one currency, summed over the selected segments and
 * regions. One row per month from `from` to `to`; months without data come back as zeros.
 */
export async function queryRevenueMonthly(warehouse: WarehouseReader, filters: RevenueFilters): Promise<RevenueMonthlyRow[]> {
  const where = compileRevenueWhere(filters);
  const rows = await warehouse.query<RawMonthly>(
    `select strftime(month, '%Y-%m') as month,
  coalesce(sum(invoice_count), 0) as invoice_count,
  coalesce(sum(payment_count), 0) as payment_count,
  ${AMOUNT_SUMS}
from marts.revenue_monthly
where ${where.sql}
group by month
order by month`,
    where.params,
  );
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  return monthRange(filters.from, filters.to).map((month) => toMonthlyRow(month, byMonth.get(month)));
}

function toMonthlyRow(month: MonthString, raw: RawMonthly | undefined): RevenueMonthlyRow {
  const n = (column: string) => BigInt(raw?.[column] ?? 0n);
  return {
    month,
    invoice_count: n('invoice_count'),
    invoiced_minor: minorUnits(n('invoiced_minor')),
    invoiced_net_minor: minorUnits(n('invoiced_net_minor')),
    tax_minor: minorUnits(n('tax_minor')),
    payment_count: n('payment_count'),
    collected_minor: minorUnits(n('collected_minor')),
    refunds_minor: minorUnits(n('refunds_minor')),
    credit_notes_minor: minorUnits(n('credit_notes_minor')),
    net_collected_minor: minorUnits(n('net_collected_minor')),
  };
}

/** Sums of every money column over the filtered period (zeros when nothing matches). */
export async function queryRevenueTotals(warehouse: WarehouseReader, filters: RevenueFilters): Promise<RevenueTotals> {
  const where = compileRevenueWhere(filters);
  const [raw] = await warehouse.query<Record<string, bigint>>(
    `select ${AMOUNT_SUMS}\nfrom marts.revenue_monthly\nwhere ${where.sql}`,
    where.params,
  );
  return Object.fromEntries(AMOUNT_COLUMNS.map((c) => [c, minorUnits(BigInt(raw?.[c] ?? 0n))])) as RevenueTotals;
}

/** The same filters moved back twelve months: "the same period a year earlier". */
export function previousYearFilters(filters: RevenueFilters): RevenueFilters {
  return { ...filters, from: addMonths(filters.from, -12), to: addMonths(filters.to, -12) };
}

/**
 * (current − previous) / previous as a fraction, computed in bigint to six decimal places so large
 * amounts lose nothing before the final division. null when previous is zero.
 */
export function changeFraction(current: bigint, previous: bigint): number | null {
  if (previous === 0n) return null;
  const scaled = ((current - previous) * 1_000_000n) / (previous < 0n ? -previous : previous);
  return Number(scaled) / 1_000_000;
}

/** KPI cards: the selected period against the same months a year earlier. */
export async function queryRevenueKpis(warehouse: WarehouseReader, filters: RevenueFilters): Promise<RevenueKpi[]> {
  const [current, previous] = await Promise.all([
    queryRevenueTotals(warehouse, filters),
    queryRevenueTotals(warehouse, previousYearFilters(filters)),
  ]);
  return KPI_MEASURES.map((measure) => ({
    measure,
    current: current[measure],
    previous: previous[measure],
    change: changeFraction(current[measure], previous[measure]),
  }));
}

/** How many months of the filtered period have any row in the mart (to flag partial comparisons). */
export async function queryMonthsWithData(warehouse: WarehouseReader, filters: RevenueFilters): Promise<number> {
  const where = compileRevenueWhere(filters);
  const [row] = await warehouse.query<{ n: bigint }>(
    `select count(distinct month) as n from marts.revenue_monthly where ${where.sql}`,
    where.params,
  );
  return Number(row?.n ?? 0n);
}

/** Distinct segments, regions and currencies present in the mart, sorted, for the filter menus. */
export async function queryRevenueFilterOptions(warehouse: WarehouseReader): Promise<RevenueFilterOptions> {
  const distinct = async (column: 'segment' | 'region' | 'currency') =>
    (
      await warehouse.query<{ value: string }>(
        `select distinct ${column} as value from marts.revenue_monthly where ${column} is not null order by value`,
      )
    ).map((r) => r.value);
  const [segments, regions, currencies] = await Promise.all([distinct('segment'), distinct('region'), distinct('currency')]);
  return { segments, regions, currencies };
}
