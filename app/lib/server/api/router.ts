import express, { type Router } from 'express';
import { apiErrorHandler } from './errors.ts';
import { getHealth } from './health.ts';
import { getRevenueMonthly } from './revenue-monthly.ts';
import { sendJson } from './send.ts';

/**
 * The /api/v1 routes. Mounted by app/serve.ts before the SvelteKit handler. No body parsers: the
 * routes so far read only the query string. Express 5 forwards rejected promises to the error handler.
 */
export function createApiRouter(): Router {
  const router = express.Router();
  router.get('/health', getHealth);
  router.get('/revenue/monthly', getRevenueMonthly);
  router.use((req, res) => sendJson(res, 404, { error: { code: 'NOT_FOUND', message: `no API route ${req.method} ${req.baseUrl}${req.path}` } }));
  router.use(apiErrorHandler);
  return router;
}
