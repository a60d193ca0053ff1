import type { Warehouse } from '../../../../pipelines/warehouse/connection.ts';
import { sqlQuery } from '../../../../pipelines/warehouse/sql-files.ts';
import type { MonthString } from '../../months.ts';
import { mrrMonthBounds, mrrPeriods } from '../mrr/load.ts';
import { parseMrrInput } from '../mrr/params.ts';
import type { MrrGroupBy } from '../mrr/types.ts';

/** One monthly history to forecast: integer minor units per month, no gaps (months without invoices are 0). */
export interface MonthlySeries {
  readonly key: string;
  readonly measure: 'invoiced' | 'mrr';
  readonly currency: string;
  /** null = all segments. */
  readonly segment: string | null;
  /** null = all plans. */
  readonly plan?: string | null;
  /** 'YYYY-MM-01', consecutive. */
  readonly months: string[];
  readonly values: bigint[];
}

export function seriesKey(measure: string, currency: string, segment: string | null, plan: string | null = null): string {
  return plan === null ? `${measure}|${currency}|${segment ?? 'all'}` : `${measure}|${currency}|plan:${plan}`;
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** Gap-free monthly series from (month, value) pairs, from the first month with data to the last complete month. */
export function fillMonths(points: Map<string, bigint>, lastMonth: string): { months: string[]; values: bigint[] } {
  const first = [...points.keys()].sort()[0];
  const months: string[] = [];
  const values: bigint[] = [];
  if (!first) return { months, values };
  for (let m = first; m <= lastMonth; m = nextMonth(m)) {
    months.push(m);
    values.push(points.get(m) ?? 0n);
  }
  return { months, values };
}

/**
 * Invoiced revenue per currency, in total and by segment, for complete months before `cutoffMonth`
 * (the current month, 'YYYY-MM-01', business time zone).
 */
export async function loadInvoicedSeries(warehouse: Pick<Warehouse, 'query'>, cutoffMonth: string): Promise<MonthlySeries[]> {
  const rows = await warehouse.query<{ month: string; currency: string; segment: string; invoiced_minor: bigint }>(sqlQuery('forecast_invoiced_monthly'), [cutoffMonth]);
  const lastMonth = (() => {
    const [y, m] = cutoffMonth.split('-').map(Number);
    return m === 1 ? `${y - 1}-12-01` : `${y}-${String(m - 1).padStart(2, '0')}-01`;
  })();
  const groups = new Map<string, { currency: string; segment: string | null; points: Map<string, bigint> }>();
  const add = (currency: string, segment: string | null, month: string, value: bigint) => {
    const key = seriesKey('invoiced', currency, segment);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { currency, segment, points: new Map() }));
    g.points.set(month, (g.points.get(month) ?? 0n) + value);
  };
  for (const r of rows) {
    add(r.currency, null, r.month, BigInt(r.invoiced_minor));
    add(r.currency, r.segment, r.month, BigInt(r.invoiced_minor));
  }
  return [...groups.entries()]
    .map(([key, g]) => ({ key, measure: 'invoiced' as const, currency: g.currency, segment: g.segment, ...fillMonths(g.points, lastMonth) }))
    .sort((a, b) => a.currency.localeCompare(b.currency) || (a.segment ?? '').localeCompare(b.segment ?? ''));
}

/** MRR by plan is forecast for each currency's largest plans only (by MRR at the last close). */
export const MRR_PLANS_PER_CURRENCY = 3;

/**
 * MRR at each complete month's close per currency, in total and for the largest plans (invoiced
 * revenue carries the segment breakdown),
 * with the /mrr page's default settings (sql/queries/mrr_periods.sql defines MRR; one definition).
 * Months before `cutoffMonth` only ('YYYY-MM-01'); a series starts at its first month with MRR.
 */
export async function loadMrrSeries(warehouse: Pick<Warehouse, 'query'>, cutoffMonth: string): Promise<MonthlySeries[]> {
  const bounds = await mrrMonthBounds(warehouse);
  if (!bounds) return [];
  const beforeCutoff = previousMonth(cutoffMonth.slice(0, 7));
  const to = (bounds.lastClosed < beforeCutoff ? bounds.lastClosed : beforeCutoff) as MonthString;
  if (to < bounds.first) return [];
  const range = { from: bounds.first, to };
  const out: MonthlySeries[] = [];
  for (const groupBy of ['none', 'plan'] as MrrGroupBy[]) {
    const input = { ...parseMrrInput(new URLSearchParams()), groupBy, period: 'month' as const, from: range.from, to: range.to };
    const rows = (await mrrPeriods(warehouse, input, range)).filter((r) => !r.toDate && `${r.period}-01` < cutoffMonth);
    const groups = new Map<string, { currency: string; group: string; points: Map<string, bigint> }>();
    for (const r of rows) {
      const id = `${r.currency}|${r.groupKey}`;
      let g = groups.get(id);
      if (!g) groups.set(id, (g = { currency: r.currency, group: r.groupKey, points: new Map() }));
      if (r.mrrMinor !== 0n || g.points.size > 0) g.points.set(`${r.period}-01`, r.mrrMinor);
    }
    let chosen = [...groups.values()].filter((g) => g.points.size > 0);
    if (groupBy === 'plan') {
      const last = (g: (typeof chosen)[number]) => g.points.get(`${to}-01`) ?? 0n;
      chosen = [...new Set(chosen.map((g) => g.currency))].flatMap((c) =>
        chosen.filter((g) => g.currency === c && last(g) > 0n).sort((a, b) => (last(b) > last(a) ? 1 : last(b) < last(a) ? -1 : a.group.localeCompare(b.group))).slice(0, MRR_PLANS_PER_CURRENCY));
    }
    for (const g of chosen) {
      const segment = null;
      const plan = groupBy === 'plan' ? g.group : null;
      out.push({ key: seriesKey('mrr', g.currency, segment, plan), measure: 'mrr', currency: g.currency, segment, plan, ...fillMonths(g.points, `${to}-01`) });
    }
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}

function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
