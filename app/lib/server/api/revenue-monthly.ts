import type { RequestHandler } from 'express';
import { RevenueFilterError } from '../revenue/errors.ts';
import { parseRevenueFilterInput } from '../revenue/filters.ts';
import { loadRevenueMonthly } from '../revenue/load.ts';
import { revenueCsvFilename, revenueCsvHeader, revenueMonthlyCsv } from '../revenue/csv.ts';
import { getServices } from '../services.ts';
import { searchParams } from './search-params.ts';
import { sendJson } from './send.ts';

/**
 * GET /api/v1/revenue/monthly?from=YYYY-MM&to=YYYY-MM&segment=&region=&currency=&format=json|csv
 * JSON: `{ filters, currency, rows }` with amounts as decimal strings of minor units.
 * CSV: a download with minor units and exact decimal major units.
 */
export const getRevenueMonthly: RequestHandler = async (req, res) => {
  const params = searchParams(req.originalUrl);
  const format = params.get('format') || 'json';
  if (format !== 'json' && format !== 'csv') {
    throw new RevenueFilterError('BAD_FORMAT', 'format', `format=${JSON.stringify(format)} is not supported; use json or csv`);
  }
  const input = parseRevenueFilterInput(params);
  const { warehouse, config } = getServices();
  const result = await loadRevenueMonthly(warehouse, input, { now: new Date(), timezone: config.timezone });
  if (format === 'json') {
    sendJson(res, 200, result);
    return;
  }
  res.status(200).type('text/csv; charset=utf-8');
  if (!result.filters) {
    res.setHeader('Content-Disposition', 'attachment; filename="revenue-monthly.csv"');
    res.send(revenueCsvHeader().join(',') + '\r\n');
    return;
  }
  res.setHeader('Content-Disposition', `attachment; filename="${revenueCsvFilename(result.filters)}"`);
  res.send(revenueMonthlyCsv(result.rows, result.filters));
};
