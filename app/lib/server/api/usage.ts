import type { RequestHandler } from 'express';
import { topPeakSlots } from '../../usage/peaks.ts';
import type { UsageFilters } from '../../usage/types.ts';
import { parseFormat, parsePart, parseTop, previousYear, type ResponseFormat } from '../report-input.ts';
import { getServices } from '../services.ts';
import { dayOfMonthCsv, heatmapCsv, monthlyCsv, peakHoursCsv, peakSlotsCsv, perCustomerCsv, topConsumersCsv, usageCsvFilename } from '../usage/csv.ts';
import { usageTotals } from '../usage/load.ts';
import { parseUsageFilterInput, resolveUsageFilters } from '../usage/params.ts';
import {
  queryDayOfMonth,
  queryHeatmap,
  queryPeakHours,
  queryPerCustomerTrend,
  queryTopConsumers,
  queryUsageMonthly,
} from '../usage/queries.ts';
import { sendCsv } from './csv-response.ts';
import { searchParams } from './search-params.ts';
import { sendJson } from './send.ts';

/**
 * The /api/v1/usage routes. Every one takes service (default: most records), unit (default: the
 * service's unit), from/to (YYYY-MM, default the twelve months up to the latest usage), segment,
 * region and format=json|csv. Quantities are exact decimal strings in `unit` (data in MB), shares
 * fractions 0–1. With no usage at all: `{ filters: null }` (CSV: header only is not possible without
 * a service, so 200 with an empty body). 400: BAD_MONTH, MONTH_RANGE_REVERSED, MONTH_RANGE_TOO_LONG,
 * BAD_DIMENSION, BAD_SERVICE, BAD_FORMAT, BAD_TOP, BAD_PART.
 */

/** The request's filters with the warehouse's defaults; every parameter is checked before any query runs. */
async function usageFilters(search: URLSearchParams): Promise<UsageFilters | null> {
  const input = parseUsageFilterInput(search);
  const { warehouse, config } = getServices();
  return (await resolveUsageFilters(warehouse, input, { now: new Date(), timezone: config.timezone })).filters;
}

function sendEmpty(res: Parameters<RequestHandler>[1], format: ResponseFormat, name: string): void {
  if (format === 'json') sendJson(res, 200, { filters: null });
  else sendCsv(res, `usage-${name}.csv`, '');
}

/**
 * GET /api/v1/usage/heatmap — hourly-bucket usage by local ISO weekday × hour with shares adding to
 * 100 % (sql/queries/usage_heatmap.sql), plus the period's totals and the share in daily buckets
 * left out. JSON `{ filters, cells, totals }`; CSV the cells.
 */
export const getUsageHeatmap: RequestHandler = async (req, res) => {
  const search = searchParams(req.originalUrl);
  const format = parseFormat(search);
  const filters = await usageFilters(search);
  if (!filters) return sendEmpty(res, format, 'heatmap');
  const { warehouse } = getServices();
  const cells = await queryHeatmap(warehouse, filters);
  if (format === 'csv') return sendCsv(res, usageCsvFilename('heatmap', filters), heatmapCsv(filters, cells));
  sendJson(res, 200, { filters, cells, totals: usageTotals(await queryUsageMonthly(warehouse, filters)) });
};

/**
 * GET /api/v1/usage/peaks?top=10 — the busiest recurring weekday × hour slots (shares from the
 * heatmap, with cumulative share) and the busiest single local hours (sql/queries/usage_peak_hours.sql).
 * JSON `{ filters, slots, hours }`; CSV needs part=slots|hours.
 */
export const getUsagePeaks: RequestHandler = async (req, res) => {
  const search = searchParams(req.originalUrl);
  const format = parseFormat(search);
  const top = parseTop(search, 10, 100);
  const part = format === 'csv' ? parsePart(search, ['slots', 'hours'] as const) : null;
  const filters = await usageFilters(search);
  if (!filters) return sendEmpty(res, format, 'peaks');
  const { warehouse } = getServices();
  if (part === 'hours') return sendCsv(res, usageCsvFilename('peak-hours', filters), peakHoursCsv(filters, await queryPeakHours(warehouse, filters, top)));
  const slots = topPeakSlots(await queryHeatmap(warehouse, filters), top);
  if (part === 'slots') return sendCsv(res, usageCsvFilename('peak-slots', filters), peakSlotsCsv(filters, slots));
  sendJson(res, 200, { filters, slots, hours: await queryPeakHours(warehouse, filters, top) });
};

/**
 * GET /api/v1/usage/patterns — day-of-month means, monthly totals of the period and of the same
 * months a year earlier, and usage per active customer by month (median, p90, mean).
 * JSON `{ filters, dayOfMonth, monthly, previousYear: { filters, monthly }, perCustomer }`;
 * CSV needs part=day-of-month|monthly|per-customer.
 */
export const getUsagePatterns: RequestHandler = async (req, res) => {
  const search = searchParams(req.originalUrl);
  const format = parseFormat(search);
  const part = format === 'csv' ? parsePart(search, ['day-of-month', 'monthly', 'per-customer'] as const) : null;
  const filters = await usageFilters(search);
  if (!filters) return sendEmpty(res, format, 'patterns');
  const { warehouse } = getServices();
  if (part === 'day-of-month') return sendCsv(res, usageCsvFilename('day-of-month', filters), dayOfMonthCsv(filters, await queryDayOfMonth(warehouse, filters)));
  if (part === 'monthly') return sendCsv(res, usageCsvFilename('monthly', filters), monthlyCsv(filters, await queryUsageMonthly(warehouse, filters)));
  if (part === 'per-customer') return sendCsv(res, usageCsvFilename('per-customer', filters), perCustomerCsv(filters, await queryPerCustomerTrend(warehouse, filters)));
  const previous = previousYear(filters);
  sendJson(res, 200, {
    filters,
    dayOfMonth: await queryDayOfMonth(warehouse, filters),
    monthly: await queryUsageMonthly(warehouse, filters),
    previousYear: { filters: previous, monthly: await queryUsageMonthly(warehouse, previous) },
    perCustomer: await queryPerCustomerTrend(warehouse, filters),
  });
};

/**
 * GET /api/v1/usage/top-consumers?top=20 — the period's largest users of the service with their share
 * of all matching customers' usage (sql/queries/usage_top_consumers.sql). JSON `{ filters, rows }`; CSV the rows.
 */
export const getUsageTopConsumers: RequestHandler = async (req, res) => {
  const search = searchParams(req.originalUrl);
  const format = parseFormat(search);
  const top = parseTop(search, 20, 1000);
  const filters = await usageFilters(search);
  if (!filters) return sendEmpty(res, format, 'top-consumers');
  const rows = await queryTopConsumers(getServices().warehouse, filters, top);
  if (format === 'csv') return sendCsv(res, usageCsvFilename('top-consumers', filters), topConsumersCsv(filters, rows));
  sendJson(res, 200, { filters, rows });
};
