import type { RequestHandler, Response } from 'express';
import { agingReport } from '../receivables/aging.ts';
import {
  agingInvoicesCsv,
  agingInvoicesCsvFilename,
  agingReportCsv,
  agingReportCsvFilename,
  agingTrendCsv,
  agingTrendCsvFilename,
  collectionMetricsCsv,
  collectionMetricsCsvFilename,
} from '../receivables/csv.ts';
import { receivablesCurrencies } from '../receivables/currencies.ts';
import { businessToday } from '../receivables/dates.ts';
import { allAgingInvoices, MAX_CSV_ROWS, MAX_PAGE } from '../receivables/drill.ts';
import { loadInvoicesPage, parseInvoicesInput } from '../receivables/load.ts';
import { collectionMetrics } from '../receivables/metrics.ts';
import { agingParams, parseAsOf, parseBasis, parseBounds, parseCeiVariant, parseCurrency } from '../receivables/params.ts';
import { parseDimension, parseFormat } from '../receivables/request.ts';
import { agingTrend } from '../receivables/trend.ts';
import { getServices } from '../services.ts';
import { searchParams } from './search-params.ts';
import { sendJson } from './send.ts';

function sendCsv(res: Response, filename: string, body: string): void {
  res.status(200).type('text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.send(body);
}

/** The default as-of date: today in the business time zone (config.timezone). */
function today(): string {
  return businessToday(getServices().config.timezone);
}

/**
 * GET /api/v1/receivables/aging?asOf=YYYY-MM-DD&basis=due_date|invoice_date&buckets=0,30,60,90,120&groupBy=customer|segment|region|currency&format=json|csv
 * JSON: the AgingReport `{ params, buckets, rows, totals }`, amounts as decimal strings of minor
 * units; asOf defaults to today in the business time zone. 400 BAD_AS_OF, BAD_BASIS, BAD_BUCKETS, BAD_GROUP_BY, BAD_FORMAT.
 */
export const getReceivablesAging: RequestHandler = async (req, res) => {
  const search = searchParams(req.originalUrl);
  const format = parseFormat(search.get('format'));
  const params = agingParams(search, today());
  const report = await agingReport(getServices().warehouse, params);
  if (format === 'json') sendJson(res, 200, report);
  else sendCsv(res, agingReportCsvFilename(report), agingReportCsv(report));
};

/**
 * GET /api/v1/receivables/aging/invoices?asOf=&basis=&buckets=&groupBy=&currency=RUB&bucket=2&key=smb&limit=&offset=&format=json|csv
 * The invoices behind one cell of the aging report: `currency` (required), `bucket` (index, absent:
 * all buckets), `key` (a group under groupBy, absent: all groups). JSON: `{ params, drill, bucketLabel,
 * total, openMinor, limit, offset, rows }` (limit 1–1000, default 100). CSV: every matching invoice
 * (up to 100,000). 400 as /aging plus BAD_CURRENCY, BAD_BUCKET, BAD_KEY, BAD_LIMIT, BAD_OFFSET.
 */
export const getReceivablesAgingInvoices: RequestHandler = async (req, res) => {
  const search = searchParams(req.originalUrl);
  const format = parseFormat(search.get('format'));
  const input = parseInvoicesInput(search, today(), { defaultLimit: 100, maxLimit: MAX_PAGE });
  const { warehouse } = getServices();
  if (format === 'json') {
    sendJson(res, 200, await loadInvoicesPage(warehouse, input));
    return;
  }
  const rows = await allAgingInvoices(warehouse, input.aging, input.drill, MAX_CSV_ROWS);
  sendCsv(res, agingInvoicesCsvFilename({ params: input.aging, drill: input.drill }), agingInvoicesCsv(rows, input.aging.basis));
};

/**
 * GET /api/v1/receivables/aging/trend?currency=&basis=&buckets=&asOf=&format=json|csv
 * Bucket totals of one currency at each of the last 12 month ends on or before asOf (default today,
 * business time zone). currency defaults to the one with the most invoices. JSON: `{ currency, basis,
 * bounds, buckets, points: [{ asOf, month, buckets, total, invoices }] }`, or `{ currency: null, points: [] }`
 * with no receivables. 400 BAD_AS_OF, BAD_BASIS, BAD_BUCKETS, BAD_CURRENCY, BAD_FORMAT.
 */
export const getReceivablesAgingTrend: RequestHandler = async (req, res) => {
  const search = searchParams(req.originalUrl);
  const format = parseFormat(search.get('format'));
  const basis = parseBasis(search.get('basis'));
  const bounds = parseBounds(search.get('buckets'), basis);
  const requested = parseCurrency(search.get('currency'));
  const until = parseAsOf(search.get('asOf'), today());
  const { warehouse } = getServices();
  const currency = requested ?? (await receivablesCurrencies(warehouse))[0] ?? null;
  if (!currency) {
    if (format === 'json') sendJson(res, 200, { currency: null, basis, bounds, buckets: [], points: [] });
    else sendCsv(res, 'aging-trend.csv', 'as_of,currency,basis,invoices\r\n');
    return;
  }
  const trend = await agingTrend(warehouse, { currency, basis, bounds, until });
  if (format === 'json') sendJson(res, 200, trend);
  else sendCsv(res, agingTrendCsvFilename(trend), agingTrendCsv(trend));
};

/**
 * GET /api/v1/receivables/metrics?currency=&segment=&region=&cei=period_sales|average_monthly_sales&format=json|csv
 * Every month of sql/queries/collection_metrics.sql for one currency (default: most invoices),
 * optionally one segment and region. JSON: `{ currency, segment, region, ceiVariant, months }`
 * (currency null and no months before any receivables);
 * DSO/ADD in days, % current and CEI in percent, null where undefined.
 * 400 BAD_CURRENCY, BAD_DIMENSION, BAD_CEI_VARIANT, BAD_FORMAT.
 */
export const getReceivablesMetrics: RequestHandler = async (req, res) => {
  const search = searchParams(req.originalUrl);
  const format = parseFormat(search.get('format'));
  const requested = parseCurrency(search.get('currency'));
  const segment = parseDimension(search.get('segment'), 'segment');
  const region = parseDimension(search.get('region'), 'region');
  const ceiVariant = parseCeiVariant(search.get('cei'));
  const { warehouse } = getServices();
  const currency = requested ?? (await receivablesCurrencies(warehouse))[0] ?? null;
  if (!currency) {
    if (format === 'json') sendJson(res, 200, { currency: null, segment, region, ceiVariant, months: [] });
    else sendCsv(res, 'collection-metrics.csv', collectionMetricsCsv([], ceiVariant));
    return;
  }
  const months = await collectionMetrics(warehouse, { currency, segment, region, ceiVariant });
  if (format === 'json') sendJson(res, 200, { currency, segment, region, ceiVariant, months });
  else sendCsv(res, collectionMetricsCsvFilename(currency, segment, region, ceiVariant), collectionMetricsCsv(months, ceiVariant));
};
