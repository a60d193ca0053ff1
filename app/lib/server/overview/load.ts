import { addMonths, monthOf, monthRange, monthStartDate, type MonthString } from '../../months.ts';
import type { Overview, OverviewKpi, SegmentSeries } from '../../overview/types.ts';
import { AMOUNT_MEASURES } from '../../revenue/measures.ts';
import { INCOME_LINES } from '../../income/lines.ts';
import { agingReport } from '../receivables/aging.ts';
import { collectionMetrics } from '../receivables/metrics.ts';
import { DEFAULT_BOUNDS, bucketLabels } from '../receivables/params.ts';
import { businessToday } from '../receivables/dates.ts';
import { defaultCurrency } from '../revenue/filters.ts';
import type { WarehouseReader } from '../revenue/queries.ts';
import { mrrPeriods } from '../mrr/load.ts';
import { parseMrrInput } from '../mrr/params.ts';
import type { MrrPeriodRow } from '../mrr/types.ts';

/**
 * MRR per month close with the default settings (the /mrr page's defaults), keyed by month. Only
 * MRR, ARR and the bridge are read, so without the lookback (no LTV or change against the month before `from`).
 */
async function mrrSeries(warehouse: WarehouseReader, currency: string, from: MonthString, to: MonthString): Promise<Map<string, MrrPeriodRow>> {
  const input = parseMrrInput(new URLSearchParams({ currency }));
  const rows = await mrrPeriods(warehouse, input, { from, to }, { lookback: false });
  return new Map(rows.filter((r) => r.currency === currency).map((r) => [r.period, r]));
}
import { RevenueFilterError } from '../revenue/errors.ts';

export interface OverviewContext {
  readonly now: Date;
  readonly timezone: string;
}

/**
 * The leadership overview in one currency: KPI cards for the last complete month (business time
 * zone) with the month before, a year earlier and a 12-month sparkline; invoiced by segment; aging
 * today. Every figure comes from the same marts and queries as its detail page. Null when the
 * warehouse holds no revenue yet.
 */
export async function loadOverview(warehouse: WarehouseReader, requestedCurrency: string | null, context: OverviewContext): Promise<Overview | null> {
  // the currencies with their latest month, in one read
  const byCurrency = await warehouse.query<{ currency: string; latest: string | null }>(
    `select currency, strftime(max(month), '%Y-%m') as latest from marts.revenue_monthly group by currency order by currency`,
  );
  const currencies = byCurrency.map((r) => r.currency);
  const currency = requestedCurrency ?? (await defaultCurrency(warehouse));
  if (!currency) return null;
  if (!currencies.includes(currency)) {
    throw new RevenueFilterError('BAD_CURRENCY', 'currency', `there are no figures in ${currency}; pick one of ${currencies.join(', ')}`);
  }
  const latest = byCurrency.find((r) => r.currency === currency);
  const lastComplete = addMonths(monthOf(context.now, context.timezone), -1);
  const month = (latest?.latest && latest.latest < lastComplete ? latest.latest : lastComplete) as MonthString;
  const from = addMonths(month, -12);
  const months = monthRange(addMonths(month, -11), month);
  const allMonths = monthRange(from, month);
  const index = new Map(allMonths.map((m, i) => [m, i]));

  const asOf = businessToday(context.timezone, context.now);
  const bounds = DEFAULT_BOUNDS.due_date;
  // The four reads are independent: sent together, they run side by side on the read connections.
  const [revenue, metrics, mrr, aging] = await Promise.all([
    // invoiced and collected per segment and month (the month totals are their sums, the segment chart
    // reads the last 12 months) and recognised per month, in one read
    warehouse.query<{ source: 'revenue' | 'income'; segment: string | null; month: string; invoiced: bigint; collected: bigint; recognised: bigint }>(
    `select 'revenue' as source, segment, strftime(month, '%Y-%m') as month,
  sum(invoiced_minor)::hugeint as invoiced, sum(collected_minor)::hugeint as collected, 0::hugeint as recognised
from marts.revenue_monthly where currency = $1 and month between $2::date and $3::date group by segment, month
union all
select 'income', null, strftime(month, '%Y-%m'), 0, 0, sum(recognised_minor)::hugeint
from marts.income_statement_monthly where currency = $1 and month between $2::date and $3::date group by month
order by source desc, segment`,
    [currency, monthStartDate(from), monthStartDate(month)],
  ),
    collectionMetrics(warehouse, { currency, ceiVariant: 'period_sales' }),
    mrrSeries(warehouse, currency, from, month),
    agingReport(warehouse, { asOf, basis: 'due_date', bounds, groupBy: 'currency' }),
  ]);
  const column = (pick: (r: (typeof revenue)[number]) => bigint): bigint[] => {
    const out = allMonths.map(() => 0n);
    for (const r of revenue) if (index.has(r.month as MonthString)) out[index.get(r.month as MonthString)!] += pick(r);
    return out;
  };
  const metricFor = (m: string) => metrics.find((x) => x.month === m);

  const moneyKpi = (key: string, label: string, definition: string, href: string, values: bigint[], higherIsBetter = true): OverviewKpi => ({
    key, label, definition, href, unit: 'money', higherIsBetter,
    current: values[12]!, previous: values[11]!, yearAgo: values[0]!, series: values.slice(1),
  });
  const overdue = allMonths.map((m) => metricFor(m)?.arOverdueMinor ?? null);
  const dso = allMonths.map((m) => metricFor(m)?.dsoCountback ?? null);
  const recognisedLine = INCOME_LINES.find((l) => l.key === 'recognised_minor')!;
  const kpis: OverviewKpi[] = [
    moneyKpi('invoiced', 'Invoiced', AMOUNT_MEASURES.invoiced_minor.definition, '/revenue', column((r) => r.invoiced)),
    moneyKpi('collected', 'Cash collected', AMOUNT_MEASURES.collected_minor.definition, '/revenue', column((r) => r.collected)),
    moneyKpi('recognised', 'Revenue recognised', recognisedLine.definition, '/income', column((r) => r.recognised)),
    {
      key: 'overdue', label: 'Overdue receivables', unit: 'money', href: '/receivables', higherIsBetter: false,
      definition: 'Open balances of invoices past their due date at the end of the month (receivables_monthly.ar_overdue_minor).',
      current: overdue[12]!, previous: overdue[11]!, yearAgo: overdue[0]!, series: overdue.slice(1),
    },
    {
      key: 'dso', label: 'DSO (countback)', unit: 'days', href: '/receivables', higherIsBetter: false,
      definition: 'Days sales outstanding, countback method: month-end receivables are matched against the latest months of credit sales, walking back until they are covered (sql/queries/collection_metrics.sql).',
      current: dso[12]!, previous: dso[11]!, yearAgo: dso[0]!, series: dso.slice(1),
    },
  ];
  const mrrAt = (pick: (r: MrrPeriodRow) => bigint) => allMonths.map((m) => { const r = mrr.get(m); return r ? pick(r) : null; });
  const mrrValues = mrrAt((r) => r.mrrMinor);
  const arrValues = mrrAt((r) => r.arrMinor);
  kpis.unshift(
    {
      key: 'mrr', label: 'MRR', unit: 'money', href: `/mrr?currency=${currency}`, higherIsBetter: true,
      definition: 'Monthly recurring revenue at the month close: each subscription in force, its price per billing period ÷ months in the period, quantities and discounts included; trials and usage excluded (sql/queries/mrr_customer_movements.sql).',
      current: mrrValues[12]!, previous: mrrValues[11]!, yearAgo: mrrValues[0]!, series: mrrValues.slice(1),
    },
    {
      key: 'arr', label: 'ARR', unit: 'money', href: `/mrr?currency=${currency}`, higherIsBetter: true,
      definition: 'Annual run rate: MRR × 12 at the month close.',
      current: arrValues[12]!, previous: arrValues[11]!, yearAgo: arrValues[0]!, series: arrValues.slice(1),
    },
  );
  const bridgeRow = mrr.get(month);

  const segments = new Map<string, bigint[]>();
  for (const r of revenue) {
    if (r.source !== 'revenue' || !months.includes(r.month as MonthString)) continue;
    const values = segments.get(r.segment!) ?? months.map(() => 0n);
    values[months.indexOf(r.month as MonthString)] = r.invoiced;
    segments.set(r.segment!, values);
  }

  const total = aging.totals.find((t) => t.currency === currency);
  const labels = bucketLabels(bounds, 'due_date');
  return {
    currency,
    currencies,
    month,
    months,
    kpis,
    mrrBridge: bridgeRow
      ? {
          month,
          openingMinor: bridgeRow.openingMrrMinor, newMinor: bridgeRow.newMinor, reactivationMinor: bridgeRow.reactivationMinor,
          expansionMinor: bridgeRow.expansionMinor, contractionMinor: bridgeRow.contractionMinor, churnMinor: bridgeRow.churnMinor,
          closingMinor: bridgeRow.mrrMinor,
        }
      : null,
    segments: [...segments].map(([segment, invoiced]): SegmentSeries => ({ segment, invoiced })),
    aging: {
      asOf,
      buckets: labels.map((label, i) => ({ label, openMinor: total?.buckets[i] ?? 0n })),
      totalMinor: total?.total ?? 0n,
    },
  };
}
