import type { AgingParams, CeiVariant } from '../server/receivables/types.ts';

/** Links of the receivables pages and their CSV downloads. The URL is the state: every view can be bookmarked. */

/** asOf, basis, buckets and groupBy of an aging report as query parameters. */
export function agingSearch(params: AgingParams): URLSearchParams {
  return new URLSearchParams({ asOf: params.asOf, basis: params.basis, buckets: params.bounds.join(','), groupBy: params.groupBy });
}

export interface DrillTarget {
  readonly currency: string;
  /** Bucket index; null for every bucket. */
  readonly bucket: number | null;
  /** Group key under params.groupBy; null for the whole currency. */
  readonly key: string | null;
}

function drillSearch(params: AgingParams, target: DrillTarget, extra: Record<string, string> = {}): URLSearchParams {
  const search = agingSearch(params);
  search.set('currency', target.currency);
  if (target.bucket !== null) search.set('bucket', String(target.bucket));
  if (target.key !== null) search.set('key', target.key);
  for (const [k, v] of Object.entries(extra)) search.set(k, v);
  return search;
}

/** The invoices behind a cell of the aging table (/receivables/invoices). */
export function invoicesHref(params: AgingParams, target: DrillTarget, extra: Record<string, string> = {}): string {
  return `/receivables/invoices?${drillSearch(params, target, extra)}`;
}

/** CSV of every invoice behind a cell. */
export function invoicesCsvHref(params: AgingParams, target: DrillTarget): string {
  return `/api/v1/receivables/aging/invoices?${drillSearch(params, target, { format: 'csv' })}`;
}

/** CSV of the aging table. */
export function agingCsvHref(params: AgingParams): string {
  const search = agingSearch(params);
  search.set('format', 'csv');
  return `/api/v1/receivables/aging?${search}`;
}

/** CSV of the trend: the month ends up to the as-of date. */
export function trendCsvHref(params: AgingParams, currency: string): string {
  const search = new URLSearchParams({ currency, basis: params.basis, buckets: params.bounds.join(','), asOf: params.asOf, format: 'csv' });
  return `/api/v1/receivables/aging/trend?${search}`;
}

/** CSV of the collection metrics, every month. */
export function metricsCsvHref(currency: string, cei: CeiVariant): string {
  return `/api/v1/receivables/metrics?${new URLSearchParams({ currency, cei, format: 'csv' })}`;
}

/** The /receivables page with the same aging view, trend/metrics currency and CEI variant. */
export function receivablesHref(params: AgingParams, currency: string | null, cei: CeiVariant): string {
  const search = agingSearch(params);
  if (currency) search.set('currency', currency);
  search.set('cei', cei);
  return `/receivables?${search}`;
}

/** The hidden fields a form on /receivables carries so that submitting it keeps the same view (aging, currency, CEI). */
export function receivablesViewFields(params: AgingParams, currency: string | null, cei: CeiVariant): [name: string, value: string][] {
  return [...new URL(receivablesHref(params, currency, cei), 'http://x').searchParams];
}
