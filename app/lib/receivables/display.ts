import { m } from '$lib/paraglide/messages.js';
import type { AgeBasis, AgingGroupBy, AgingRow, CeiVariant } from '../server/receivables/types.ts';
import { intlLocale } from '../format.ts';

/**
 * Labels and formatting of the receivables page. The label tables read as plain records but each
 * entry is a getter, so it answers in the language of the page being rendered (English outside one).
 */

export const GROUP_BY_LABELS: Record<AgingGroupBy, string> = {
  get customer() { return m.cl_group_customer(); },
  get segment() { return m.cl_group_segment(); },
  get region() { return m.cl_group_region(); },
  get currency() { return m.cl_group_currency(); },
};

export const BASIS_LABELS: Record<AgeBasis, string> = {
  get due_date() { return m.cl_basis_due_date(); },
  get invoice_date() { return m.cl_basis_invoice_date(); },
};

/** The two CEI forms of sql/queries/collection_metrics.sql and where each comes from. */
export const CEI_VARIANTS: Record<CeiVariant, { readonly label: string; readonly short: string; readonly sales: string }> = {
  period_sales: {
    get label() { return m.cl_cei_period_label(); },
    get short() { return m.cl_cei_period_short(); },
    get sales() { return m.cl_cei_period_sales(); },
  },
  average_monthly_sales: {
    get label() { return m.cl_cei_average_label(); },
    get short() { return m.cl_cei_average_short(); },
    get sales() { return m.cl_cei_average_sales(); },
  },
};

export type MetricField = 'dsoStandard' | 'dsoCountback' | 'bestPossibleDso' | 'addDays' | 'pctCurrent' | 'cei';

const metric = (name: string, field: MetricField, label: () => string, short: () => string, unit: 'days' | 'percent') => ({
  name, field, unit, get label() { return label(); }, get short() { return short(); },
});

/** The metrics of sql/queries/collection_metrics.sql, by column name, in the page's order. */
export const METRICS: readonly { readonly name: string; readonly field: MetricField; readonly label: string; readonly short: string; readonly unit: 'days' | 'percent' }[] = [
  metric('dso_standard', 'dsoStandard', m.cl_metric_dso_standard, m.cl_metric_dso_standard_short, 'days'),
  metric('dso_countback', 'dsoCountback', m.cl_metric_dso_countback, m.cl_metric_dso_countback_short, 'days'),
  metric('best_possible_dso', 'bestPossibleDso', m.cl_metric_best_possible_dso, m.cl_metric_best_possible_dso, 'days'),
  metric('add_days', 'addDays', m.cl_metric_add, m.cl_metric_add_short, 'days'),
  metric('pct_current', 'pctCurrent', m.cl_metric_pct_current, m.cl_metric_pct_current, 'percent'),
  metric('cei', 'cei', m.cl_metric_cei, m.cl_metric_cei_short, 'percent'),
];

/** A bucket's label for the screen: the first due-date bucket is "Current" in the page's language; ranges are numbers. */
export function bucketText(label: string): string {
  return label === 'Current' ? m.cl_bucket_current() : label;
}

/** A metric value: "35.2" days or "87.5%"; "—" when undefined. */
export function formatMetric(value: number | null, unit: 'days' | 'percent'): string {
  if (value === null) return '—';
  const text = new Intl.NumberFormat(intlLocale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
  return unit === 'percent' ? `${text}%` : text;
}

/** A row that stands for the groups beyond the first `limit` of a currency: their sums, no key. */
export interface OtherGroups {
  readonly count: number;
  readonly buckets: readonly bigint[];
  readonly total: bigint;
  readonly invoices: number;
}

/**
 * The first `limit` groups of a currency (rows come sorted by total, largest first) and the rest
 * folded into one row, so a table of thousands of customers stays readable and its columns still
 * add up to the currency's totals.
 */
export function foldGroups(rows: readonly AgingRow[], limit: number): { shown: readonly AgingRow[]; other: OtherGroups | null } {
  if (rows.length <= limit) return { shown: rows, other: null };
  const rest = rows.slice(limit);
  const width = rows[0]!.buckets.length;
  const buckets = Array.from({ length: width }, (_, i) => rest.reduce((s, r) => s + r.buckets[i]!, 0n));
  return {
    shown: rows.slice(0, limit),
    other: { count: rest.length, buckets, total: rest.reduce((s, r) => s + r.total, 0n), invoices: rest.reduce((s, r) => s + r.invoices, 0) },
  };
}

/** A bucket's share of the total as "12.3%"; "—" for an empty total. Exact in bigint to 0.1%. */
export function formatShare(part: bigint, total: bigint): string {
  if (total === 0n) return '—';
  const tenths = (part * 1000n + total / 2n) / total;
  return `${(Number(tenths) / 10).toFixed(1)}%`;
}

/** A rate (fraction 0–1, six decimals) as a percentage with up to 4 decimals, no trailing zeros: 0.533333 → "53.3333", 0.02 → "2". Empty for null. */
export function formatRatePercent(rate: number | null): string {
  if (rate === null) return '';
  const micro = Math.round(rate * 1_000_000);
  const whole = Math.trunc(micro / 10_000);
  const fraction = String(micro % 10_000).padStart(4, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}
