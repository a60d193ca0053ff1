import type { Warehouse } from '../../../../pipelines/warehouse/connection.ts';
import { sqlQuery } from '../../../../pipelines/warehouse/sql-files.ts';

/** One monthly history to forecast: integer minor units per month, no gaps (months without invoices are 0). */
export interface MonthlySeries {
  readonly key: string;
  readonly measure: 'invoiced';
  readonly currency: string;
  /** null = all segments. */
  readonly segment: string | null;
  /** 'YYYY-MM-01', consecutive. */
  readonly months: string[];
  readonly values: bigint[];
}

export function seriesKey(measure: string, currency: string, segment: string | null): string {
  return `${measure}|${currency}|${segment ?? 'all'}`;
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
 * (the current month, 'YYYY-MM-01', business time zone). Known extension point: MRR series (from the
 * `mrr` marts, not merged yet) join here as measure 'mrr' with the same shape.
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
