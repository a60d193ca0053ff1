import { m } from '$lib/paraglide/messages.js';
import type { Warehouse } from '../../../../pipelines/warehouse/connection.ts';
import { currentLocale } from '../../i18n/locale.ts';
import { agingReport } from './aging.ts';
import { receivablesCurrencies } from './currencies.ts';
import { monthEndsUntil, monthOfDay } from './dates.ts';
import { agingDefinitions, collectionMetricDefinitions, type MetricDefinitions } from './definitions.ts';
import { agingInvoicePage, type AgingInvoicePage } from './drill.ts';
import { collectionMetrics } from './metrics.ts';
import { observedLossRates } from './bad-debt.ts';
import { agingParams, DEFAULT_BOUNDS, parseCeiVariant, parseCurrency } from './params.ts';
import { lossRateMonthEnds, parseEditedRates, reserveTable, type CurrencyReserve } from './reserve.ts';
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
  /** Loss rates the user edited (fractions), per currency and bucket of the reserve's due-date buckets. */
  readonly editedRates: ReadonlyMap<string, readonly (number | null)[]>;
}

/** The reserve's buckets: the page's when they are by due date (the loss rates are), else the default due-date ones. */
export function reserveAgingParams(aging: AgingParams): AgingParams {
  return aging.basis === 'due_date' ? aging : { ...aging, basis: 'due_date', bounds: DEFAULT_BOUNDS.due_date };
}

/** Reads asOf, basis, buckets, groupBy, currency and cei; `today` (business time zone) is the default as-of date. */
export function parseReceivablesPageInput(search: URLSearchParams, today: string): ReceivablesPageInput {
  const aging = agingParams(search, today);
  return {
    aging, currency: parseCurrency(search.get('currency')), ceiVariant: parseCeiVariant(search.get('cei')),
    editedRates: parseEditedRates(search, reserveAgingParams(aging).bounds.length + 1),
  };
}

/** The last `count` months of metrics up to and including `month` (YYYY-MM), oldest first. */
export function metricsUpTo(months: readonly CollectionMetricsMonth[], month: string, count: number): CollectionMetricsMonth[] {
  return months.filter((row) => row.month <= month).slice(-count);
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
  readonly reserve: {
    /** The due-date aging the reserve applies to (the page's report when it is by due date). */
    readonly params: AgingParams;
    /** The month ends the observed loss rates come from, oldest first. */
    readonly monthEnds: readonly string[];
    readonly currencies: readonly CurrencyReserve[];
    readonly definition: string;
  };
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
  const reserveParams = reserveAgingParams(input.aging);
  const reserveReport = reserveParams === input.aging ? report : await agingReport(db, reserveParams);
  const monthEnds = lossRateMonthEnds(input.aging.asOf);
  const observed = await observedLossRates(db, monthEnds, reserveParams.bounds);
  return {
    input,
    today,
    reserve: { params: reserveParams, monthEnds, currencies: reserveTable(reserveReport, observed, input.editedRates), definition: m.cl_reserve_definition() },
    report,
    currencies,
    currency,
    trend,
    metrics,
    definitions: { metrics: collectionMetricDefinitions(currentLocale()), aging: agingDefinitions(currentLocale()) },
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
