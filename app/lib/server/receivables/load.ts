import type { Warehouse } from '../../../../pipelines/warehouse/connection.ts';
import { agingReport } from './aging.ts';
import { receivablesCurrencies } from './currencies.ts';
import { monthEndsUntil, monthOfDay } from './dates.ts';
import { agingDefinitions, collectionMetricDefinitions, type MetricDefinitions } from './definitions.ts';
import { agingInvoicePage, type AgingInvoicePage } from './drill.ts';
import { collectionMetrics } from './metrics.ts';
import { agingParams, parseCeiVariant, parseCurrency } from './params.ts';
import { parseBucketIndex, parseGroupKey, parsePaging, requireCurrency } from './request.ts';
import { agingTrend, TREND_MONTHS, type AgingTrend } from './trend.ts';
import type { AgingParams, AgingReport, CeiVariant, CollectionMetricsMonth } from './types.ts';

type Db = Pick<Warehouse, 'query'>;

/** What the /receivables page was asked for (validated; ReceivablesInputError otherwise). */
export interface ReceivablesPageInput {
  readonly aging: AgingParams;
  /** Currency of the trend and the metrics; null: the default (most invoices). */
  readonly currency: string | null;
  readonly ceiVariant: CeiVariant;
}

/** Reads asOf, basis, buckets, groupBy, currency and cei; `today` (business time zone) is the default as-of date. */
export function parseReceivablesPageInput(search: URLSearchParams, today: string): ReceivablesPageInput {
  return { aging: agingParams(search, today), currency: parseCurrency(search.get('currency')), ceiVariant: parseCeiVariant(search.get('cei')) };
}

/** The last `count` months of metrics up to and including `month` (YYYY-MM), oldest first. */
export function metricsUpTo(months: readonly CollectionMetricsMonth[], month: string, count: number): CollectionMetricsMonth[] {
  return months.filter((m) => m.month <= month).slice(-count);
}

/** Everything the /receivables page shows. */
export interface ReceivablesPage {
  readonly input: ReceivablesPageInput;
  /** Today in the business time zone. */
  readonly today: string;
  readonly report: AgingReport;
  /** Currencies with receivables, most invoices first; empty before any sync. */
  readonly currencies: readonly string[];
  /** The currency of the trend and metrics; null when there are no receivables at all. */
  readonly currency: string | null;
  readonly trend: AgingTrend | null;
  /** The 12 complete months whose ends are the trend's month ends (the last month end on or before the as-of date and 11 before). */
  readonly metrics: readonly CollectionMetricsMonth[];
  readonly definitions: { readonly metrics: MetricDefinitions; readonly aging: { readonly openBalance: string; readonly buckets: string } };
}

export async function loadReceivablesPage(db: Db, input: ReceivablesPageInput, today: string): Promise<ReceivablesPage> {
  const report = await agingReport(db, input.aging);
  const currencies = await receivablesCurrencies(db);
  const currency = input.currency ?? currencies[0] ?? null;
  const trend = currency
    ? await agingTrend(db, { currency, basis: input.aging.basis, bounds: input.aging.bounds, until: input.aging.asOf, months: TREND_MONTHS })
    : null;
  const metrics = currency
    ? metricsUpTo(await collectionMetrics(db, { currency, ceiVariant: input.ceiVariant }), monthOfDay(monthEndsUntil(input.aging.asOf, 1)[0]!), TREND_MONTHS)
    : [];
  return {
    input,
    today,
    report,
    currencies,
    currency,
    trend,
    metrics,
    definitions: { metrics: collectionMetricDefinitions(), aging: agingDefinitions() },
  };
}

/** The /receivables/invoices page and GET /api/v1/receivables/aging/invoices: aging parameters, currency, bucket, key, paging. */
export function parseInvoicesInput(search: URLSearchParams, today: string, paging: { defaultLimit: number; maxLimit: number }) {
  return {
    aging: agingParams(search, today),
    drill: { currency: requireCurrency(search.get('currency')), bucket: parseBucketIndex(search.get('bucket')), key: parseGroupKey(search.get('key')) },
    paging: parsePaging(search, paging),
  };
}

export type InvoicesInput = ReturnType<typeof parseInvoicesInput>;

export function loadInvoicesPage(db: Db, input: InvoicesInput): Promise<AgingInvoicePage> {
  return agingInvoicePage(db, input.aging, input.drill, input.paging);
}
