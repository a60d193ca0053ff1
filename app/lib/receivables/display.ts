import type { AgingGroupBy, AgingRow, CeiVariant } from '../server/receivables/types.ts';
import { intlLocale } from '../format.ts';

/** Labels and formatting of the receivables page. */

export const GROUP_BY_LABELS: Record<AgingGroupBy, string> = {
  customer: 'Customer',
  segment: 'Segment',
  region: 'Region',
  currency: 'Currency',
};

export const BASIS_LABELS = { due_date: 'Days past due (due date)', invoice_date: 'Days since issue (invoice date)' } as const;

/** The two CEI forms of sql/queries/collection_metrics.sql and where each comes from. */
export const CEI_VARIANTS: Record<CeiVariant, { label: string; short: string; sales: string }> = {
  period_sales: { label: 'Period sales (Credit Research Foundation)', short: 'Period sales (CRF)', sales: 'the three months’ credit sales' },
  average_monthly_sales: {
    label: 'Average monthly sales (common spreadsheet form)',
    short: 'Average monthly sales',
    sales: 'the average monthly credit sales of the three months',
  },
};

export type MetricField = 'dsoStandard' | 'dsoCountback' | 'bestPossibleDso' | 'addDays' | 'pctCurrent' | 'cei';

/** The metrics of sql/queries/collection_metrics.sql, by column name, in the page's order. */
export const METRICS: readonly { name: string; field: MetricField; label: string; short: string; unit: 'days' | 'percent' }[] = [
  { name: 'dso_standard', field: 'dsoStandard', label: 'DSO (standard)', short: 'DSO std', unit: 'days' },
  { name: 'dso_countback', field: 'dsoCountback', label: 'DSO (countback)', short: 'DSO countback', unit: 'days' },
  { name: 'best_possible_dso', field: 'bestPossibleDso', label: 'Best possible DSO', short: 'Best possible DSO', unit: 'days' },
  { name: 'add_days', field: 'addDays', label: 'ADD (average days delinquent)', short: 'ADD', unit: 'days' },
  { name: 'pct_current', field: 'pctCurrent', label: '% current', short: '% current', unit: 'percent' },
  { name: 'cei', field: 'cei', label: 'CEI (collection effectiveness index)', short: 'CEI (3 mo)', unit: 'percent' },
];

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
