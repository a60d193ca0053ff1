import { minorUnits } from '../../money.ts';
import { addMonths, monthRange, monthSpan, type MonthString } from '../../months.ts';
import type { AppliedRate } from '../../fx/types.ts';
import { INCOME_LINES } from '../../income/lines.ts';
import type { IncomeAmounts, IncomeFilters, IncomeGranularity, IncomePeriod, IncomeStatement } from '../../income/types.ts';
import { convertMinor, FxRateBook, monthEnd } from '../fx/convert.ts';
import { resolveRevenueFilters, type FilterDefaultsContext } from '../revenue/filters.ts';
import type { WarehouseReader } from '../revenue/queries.ts';
import type { IncomeInput } from './params.ts';
import { BALANCE_LINES, queryIncomeMonths, zeroAmounts, type IncomeMonthRow } from './queries.ts';

/**
 * The income statement for the filters: one column per month, quarter or year, the range's total and
 * the comparison range's total. With a reporting currency, each currency's month is converted at that
 * month's closing rate (the latest rate on or before its last day) and the rates are returned.
 * Returns null when the marts are empty and no currency was asked for.
 */
export async function loadIncomeStatement(
  warehouse: WarehouseReader,
  rates: FxRateBook,
  input: IncomeInput,
  context: FilterDefaultsContext,
): Promise<IncomeStatement | null> {
  const base = await resolveRevenueFilters(warehouse, input, context);
  if (!base) return null;
  const filters: IncomeFilters = {
    ...base,
    currency: input.reporting ?? base.currency,
    converted: input.reporting !== undefined,
    granularity: input.granularity,
    compare: input.compare,
  };
  const months = monthSpan(filters.from, filters.to);
  const comparison = filters.compare === 'year'
    ? { from: addMonths(filters.from, -12), to: addMonths(filters.to, -12) }
    : { from: addMonths(filters.from, -months), to: addMonths(filters.from, -1) };
  const rows = await queryIncomeMonths(warehouse, {
    to: filters.to,
    ...(filters.segment !== undefined ? { segment: filters.segment } : {}),
    ...(filters.region !== undefined ? { region: filters.region } : {}),
    ...(filters.converted ? {} : { currency: filters.currency }),
  });
  const applied: AppliedRate[] = [];
  const first = comparison.from < filters.from ? comparison.from : filters.from;
  const byMonth = inShownCurrency(rows, monthRange(first, filters.to), filters, rates, applied);
  const pick = (from: MonthString, to: MonthString) => monthRange(from, to).map((m) => ({ month: m, amounts: byMonth.get(m)! }));
  return {
    filters,
    periods: groupPeriods(pick(filters.from, filters.to), filters.granularity),
    total: combine(pick(filters.from, filters.to).map((m) => m.amounts)),
    comparison: { ...comparison, total: combine(pick(comparison.from, comparison.to).map((m) => m.amounts)) },
    rates: applied.filter((r) => r.month !== undefined && r.month >= filters.from && r.month <= filters.to),
  };
}

/**
 * Each month's amounts in the shown currency. Months without rows have no flows and carry each
 * currency's deferred balance forward; conversion happens per currency and month, before summing.
 */
function inShownCurrency(
  rows: readonly IncomeMonthRow[],
  months: readonly MonthString[],
  filters: IncomeFilters,
  rates: FxRateBook,
  applied: AppliedRate[],
): Map<MonthString, IncomeAmounts> {
  const perCurrency = new Map<string, Map<string, IncomeAmounts>>();
  for (const row of rows) {
    const map = perCurrency.get(row.currency) ?? new Map<string, IncomeAmounts>();
    map.set(row.month, row.amounts);
    perCurrency.set(row.currency, map);
  }
  const result = new Map<MonthString, IncomeAmounts>(months.map((m) => [m, zeroAmounts()]));
  for (const [currency, map] of perCurrency) {
    const earlier = [...map.keys()].filter((m) => m < months[0]!).sort();
    let balance = earlier.length > 0 ? map.get(earlier.at(-1)!)!.deferred_minor : 0n;
    for (const month of months) {
      const native = map.get(month) ?? { ...zeroAmounts(), deferred_minor: minorUnits(balance) };
      balance = native.deferred_minor;
      const shown = currency === filters.currency ? native : convertAmounts(native, currency, filters.currency, month, rates, applied);
      result.set(month, add(result.get(month)!, shown));
    }
  }
  return result;
}

function convertAmounts(native: IncomeAmounts, currency: string, reporting: string, month: MonthString, rates: FxRateBook, applied: AppliedRate[]): IncomeAmounts {
  if (INCOME_LINES.every((l) => native[l.key] === 0n)) return zeroAmounts();
  const { ratio, applied: rate } = rates.rate(currency, reporting, monthEnd(month));
  applied.push({ ...rate, month });
  return Object.fromEntries(INCOME_LINES.map((l) => [l.key, minorUnits(convertMinor(native[l.key], currency, reporting, ratio))])) as IncomeAmounts;
}

function add(a: IncomeAmounts, b: IncomeAmounts): IncomeAmounts {
  return Object.fromEntries(INCOME_LINES.map((l) => [l.key, minorUnits(a[l.key] + b[l.key])])) as IncomeAmounts;
}

/** Flows summed over the months; balances taken from the last month. */
function combine(months: readonly IncomeAmounts[]): IncomeAmounts {
  const sum = months.reduce((acc, m) => add(acc, m), zeroAmounts());
  const last = months.at(-1);
  return Object.fromEntries(INCOME_LINES.map((l) => [l.key, BALANCE_LINES.has(l.key) ? (last?.[l.key] ?? minorUnits(0n)) : sum[l.key]])) as IncomeAmounts;
}

function periodLabel(month: MonthString, granularity: IncomeGranularity): string {
  if (granularity === 'month') return month;
  const year = month.slice(0, 4);
  return granularity === 'year' ? year : `${year}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

function groupPeriods(months: readonly { month: MonthString; amounts: IncomeAmounts }[], granularity: IncomeGranularity): IncomePeriod[] {
  const groups: { label: string; months: { month: MonthString; amounts: IncomeAmounts }[] }[] = [];
  for (const m of months) {
    const label = periodLabel(m.month, granularity);
    if (groups.at(-1)?.label !== label) groups.push({ label, months: [] });
    groups.at(-1)!.months.push(m);
  }
  const size = granularity === 'year' ? 12 : granularity === 'quarter' ? 3 : 1;
  // A quarter or year the range cuts short says so, so a partial column is not read as a whole one.
  return groups.map((g) => ({
    label: g.months.length < size ? `${g.label} (${g.months.length} of ${size} mo)` : g.label,
    from: g.months[0]!.month,
    to: g.months.at(-1)!.month,
    amounts: combine(g.months.map((m) => m.amounts)),
  }));
}
