import type { RequestHandler } from 'express';
import { loadOverview } from '../overview/load.ts';
import { getServices } from '../services.ts';
import { searchParams } from './search-params.ts';
import { sendJson } from './send.ts';

/** GET /api/v1/overview?currency=: the leadership overview's KPIs, segment series and aging summary (what / shows). */
export const getOverview: RequestHandler = async (req, res) => {
  const params = searchParams(req.originalUrl);
  const currency = params.get('currency')?.trim().toUpperCase() || null;
  const { warehouse, config } = getServices();
  sendJson(res, 200, { overview: await loadOverview(warehouse, currency, { now: new Date(), timezone: config.timezone }) });
};
