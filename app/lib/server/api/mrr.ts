import type { RequestHandler, Response } from 'express';
import { cohortsCsv, movementsCsv, movementsCsvFilename, mrrPeriodsCsv, mrrPeriodsCsvFilename } from '../mrr/csv.ts';
import { allMovements, MAX_CSV_ROWS, MAX_PAGE, movementsPage, parseMovementsInput } from '../mrr/drill.ts';
import { mrrCohorts, mrrPeriods } from '../mrr/load.ts';
import { parseFormat } from '../mrr/params.ts';
import { resolveMrrRequest } from '../mrr/request.ts';
import { getServices } from '../services.ts';
import { searchParams } from './search-params.ts';
import { sendJson } from './send.ts';

function sendCsv(res: Response, filename: string, body: string): void {
  res.status(200).type('text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.send(body);
}

/**
 * Query parameters shared by the MRR and retention endpoints (all optional):
 *   from, to              YYYY-MM, default the last 24 months with data
 *   period                month | quarter | year (default month)
 *   groupBy               none | segment | region | plan (default none)
 *   currency, segment, region, plan   filters
 *   past_due_churn_days   off | 1–3650 (default off)      usage_in_mrr  off | on (default off)
 *   trials                exclude | count (default exclude)   free_plans  exclude | count (default exclude)
 *   format                json | csv
 * Every row is in one currency (never converted or added across currencies); money as decimal
 * strings of minor units in JSON. Bad input: 400 `{ error: { code, message, param } }`.
 */

/**
 * GET /api/v1/mrr/monthly — MRR, ARR and the movement bridge per period × currency × group:
 * `{ input, range, rows: MrrPeriodRow[] }` (range null and no rows before any subscription).
 */
export const getMrrMonthly: RequestHandler = async (req, res) => {
  const search = searchParams(req.originalUrl);
  const format = parseFormat(search);
  const { warehouse } = getServices();
  const { input, range } = await resolveMrrRequest(warehouse, search);
  const rows = range ? await mrrPeriods(warehouse, input, range) : [];
  if (format === 'json') sendJson(res, 200, { input, range, rows });
  else sendCsv(res, range ? mrrPeriodsCsvFilename(input, range) : 'mrr.csv', mrrPeriodsCsv(rows, input));
};

/**
 * GET /api/v1/retention — the same rows as /mrr/monthly (logo and revenue churn, GRR, NRR, their
 * trailing twelve-month forms, ARPU, LTV are columns of them): `{ input, range, rows }`.
 */
export const getRetention: RequestHandler = getMrrMonthly;

/**
 * GET /api/v1/retention/cohorts — cohort cells by first MRR month (cohorts from–to):
 * `{ input, range, cells: CohortCell[] }`.
 */
export const getRetentionCohorts: RequestHandler = async (req, res) => {
  const search = searchParams(req.originalUrl);
  const format = parseFormat(search);
  const { warehouse } = getServices();
  const { input, range } = await resolveMrrRequest(warehouse, search);
  const cells = range ? await mrrCohorts(warehouse, input, range) : [];
  if (format === 'json') sendJson(res, 200, { input, range, cells });
  else sendCsv(res, `cohorts_${range?.from ?? ''}_${range?.to ?? ''}.csv`, cohortsCsv(cells));
};

/**
 * GET /api/v1/mrr/movements?month=YYYY-MM&currency=RUB&kind=new|reactivation|expansion|contraction|churn|all
 * (or from/to instead of month; segment, region, plan, settings, limit 1–1000 default 100, offset).
 * The customers behind a bridge figure: `{ input, total, deltaMinor, rows }`, deltaMinor = the
 * figure (signed). CSV: every row (up to 100,000). 400 BAD_MONTH, BAD_CURRENCY, BAD_KIND, ….
 */
export const getMrrMovements: RequestHandler = async (req, res) => {
  const search = searchParams(req.originalUrl);
  const format = parseFormat(search);
  const input = parseMovementsInput(search, { defaultLimit: 100, maxLimit: MAX_PAGE });
  const { warehouse } = getServices();
  if (format === 'json') sendJson(res, 200, await movementsPage(warehouse, input));
  else sendCsv(res, movementsCsvFilename(input), movementsCsv(await allMovements(warehouse, input, MAX_CSV_ROWS)));
};
