import type { RequestHandler } from 'express';
import { parseRunDate } from '../forecast/request.ts';
import { forecastRunDates, loadForecasts } from '../forecast/store.ts';
import { getServices } from '../services.ts';
import { searchParams } from './search-params.ts';
import { sendJson } from './send.ts';

/**
 * GET /api/v1/forecasts?run_date=YYYY-MM-DD — the forecasts stored after the sync of that day (the
 * latest by default): `{ runDate, runDates, forecasts }`, each forecast with its model, history,
 * points with 80/95 % intervals and backtest, amounts in minor units of its currency (estimates).
 */
export const getForecasts: RequestHandler = async (req, res) => {
  const runDate = parseRunDate(searchParams(req.originalUrl));
  const { workbench } = getServices();
  const runDates = await forecastRunDates(workbench.db);
  const forecasts = await loadForecasts(workbench.db, runDate);
  sendJson(res, 200, { runDate: runDate ?? runDates[0] ?? null, runDates, forecasts });
};
