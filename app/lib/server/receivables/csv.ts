import { minorToDecimalString } from '../../money.ts';
import { csvText } from '../csv.ts';
import type { AgingInvoicePage } from './drill.ts';
import type { AgingTrend } from './trend.ts';
import type { AgingInvoice, AgingReport, CeiVariant, CollectionMetricsMonth } from './types.ts';

/**
 * CSV exports of the receivables figures. Money columns come twice: `<name>_minor` (integer minor
 * units) and `<name>` (exact decimal major units of the row's currency). No floats.
 */

const money = (minor: bigint, currency: string) => [minor.toString(), minorToDecimalString(minor, currency)];
const numberOrEmpty = (v: number | null) => (v === null ? '' : String(v));

/** One row per group and currency, then a "total" row per currency; one column pair per bucket. */
export function agingReportCsv(report: AgingReport): string {
  const header = ['as_of', 'basis', 'group_by', 'row', 'key', 'label', 'currency', 'invoices'];
  for (const b of report.buckets) header.push(`bucket_${b.index}_minor`, `bucket_${b.index} (${b.label})`);
  header.push('open_minor', 'open');
  const line = (kind: 'group' | 'total', r: AgingReport['rows'][number]) => [
    report.params.asOf, report.params.basis, report.params.groupBy, kind, r.key, r.label, r.currency, String(r.invoices),
    ...r.buckets.flatMap((b) => money(b, r.currency)), ...money(r.total, r.currency),
  ];
  return csvText([header, ...report.rows.map((r) => line('group', r)), ...report.totals.map((t) => line('total', t))]);
}

export function agingReportCsvFilename(report: AgingReport): string {
  return `aging_${report.params.asOf}_${report.params.basis}_by-${report.params.groupBy}.csv`;
}

/** The invoices of a drill-down. */
export function agingInvoicesCsv(rows: readonly AgingInvoice[], basis: string): string {
  const header = ['invoice_id', 'number', 'customer_id', 'customer_name', 'segment', 'region', 'currency', 'issued_on', 'due_on', 'open_minor', 'open', `age_days (${basis})`, 'bucket'];
  return csvText([
    header,
    ...rows.map((r) => [r.invoiceId, r.number, r.customerId, r.customerName, r.segment, r.region, r.currency, r.issuedOn, r.dueOn, ...money(r.openMinor, r.currency), String(r.ageDays), String(r.bucket)]),
  ]);
}

export function agingInvoicesCsvFilename(page: Pick<AgingInvoicePage, 'params' | 'drill'>): string {
  const parts = ['aging-invoices', page.params.asOf, page.drill.currency];
  if (page.drill.key !== null) parts.push(`${page.params.groupBy}-${page.drill.key.replace(/[^\w.-]+/g, '_')}`);
  if (page.drill.bucket !== null) parts.push(`bucket-${page.drill.bucket}`);
  return `${parts.join('_')}.csv`;
}

/** One row per month end. */
export function agingTrendCsv(trend: AgingTrend): string {
  const header = ['as_of', 'currency', 'basis', 'invoices'];
  for (const b of trend.buckets) header.push(`bucket_${b.index}_minor`, `bucket_${b.index} (${b.label})`);
  header.push('open_minor', 'open');
  return csvText([
    header,
    ...trend.points.map((p) => [p.asOf, trend.currency, trend.basis, String(p.invoices), ...p.buckets.flatMap((b) => money(b, trend.currency)), ...money(p.total, trend.currency)]),
  ]);
}

export function agingTrendCsvFilename(trend: AgingTrend): string {
  return `aging-trend_${trend.currency}_${trend.basis}_${trend.points[0]?.asOf ?? ''}_${trend.points.at(-1)?.asOf ?? ''}.csv`;
}

/** One row per month; DSO and ADD in days, % current and CEI in percent (as computed in SQL). */
export function collectionMetricsCsv(months: readonly CollectionMetricsMonth[], ceiVariant: CeiVariant): string {
  const header = ['month', 'currency', 'ar_minor', 'ar', 'ar_current_minor', 'ar_current', 'ar_overdue_minor', 'ar_overdue', 'credit_sales_minor', 'credit_sales',
    'dso_standard', 'dso_countback', 'best_possible_dso', 'add_days', 'pct_current', 'cei', 'cei_variant'];
  return csvText([
    header,
    ...months.map((m) => [m.month, m.currency, ...money(m.arMinor, m.currency), ...money(m.arCurrentMinor, m.currency), ...money(m.arOverdueMinor, m.currency),
      ...money(m.creditSalesMinor, m.currency), numberOrEmpty(m.dsoStandard), numberOrEmpty(m.dsoCountback), numberOrEmpty(m.bestPossibleDso),
      numberOrEmpty(m.addDays), numberOrEmpty(m.pctCurrent), numberOrEmpty(m.cei), ceiVariant]),
  ]);
}

export function collectionMetricsCsvFilename(currency: string, segment: string | null, region: string | null, ceiVariant: CeiVariant): string {
  const scope = [segment, region].filter((s): s is string => s !== null).map((s) => s.replace(/[^\w.-]+/g, '_'));
  return `collection-metrics_${[currency, ...scope, `cei-${ceiVariant}`].join('_')}.csv`;
}
