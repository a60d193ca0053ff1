import express, { type RequestHandler, type Router } from 'express';
import { API_RULES } from '../../access/routes.ts';
import { authenticateRequest, guard, type Authenticate } from './guard.ts';
import { getBonusOutbox, getCollectionsAgencyHandoffsCsv, getCollectionsOutbox, postBonusOutboxAck, postCollectionsOutboxAck } from './collections.ts';
import { apiErrorHandler } from './errors.ts';
import { getExport } from './exports.ts';
import { getForecasts } from './forecasts.ts';
import { getCollectionsLadder } from './ladder.ts';
import { getHealth, getReady } from './health.ts';
import { getMetrics } from './metrics.ts';
import { getIncomeStatement } from './income.ts';
import { getOverview } from './overview.ts';
import { getFxRates } from './fx.ts';
import { getPreferencesAdoption, getPreferencesMigrations, getPreferencesPlanMix } from './preferences.ts';
import { getMrrMonthly, getMrrMovements, getRetention, getRetentionCohorts } from './mrr.ts';
import { getQuarantineRows, getQuarantineSummary } from './quarantine.ts';
import { getReceivablesAging, getReceivablesAgingInvoices, getReceivablesAgingTrend, getReceivablesMetrics } from './receivables.ts';
import { getOpenApi } from './openapi-route.ts';
import { getRevenueMonthly } from './revenue-monthly.ts';
import { ROUTE_SCHEMAS } from './schemas.ts';
import { sendJson } from './send.ts';
import { nulInUrl, nulMessage } from '../nul-input.ts';
import { getSyncRun, getSyncRuns, postSync } from './sync.ts';
import { getUsageHeatmap, getUsagePatterns, getUsagePeaks, getUsageTopConsumers } from './usage.ts';
import { validateRequest } from './validate.ts';

/** Each /api/v1 route's handler, keyed like API_RULES (app/lib/access/routes.ts), which says who may call it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- handlers type their own route params
export const HANDLERS: Readonly<Record<string, RequestHandler<any>>> = {
  'GET /health': getHealth,
  'GET /ready': getReady,
  'GET /openapi.json': getOpenApi,
  'GET /metrics': getMetrics,
  'GET /revenue/monthly': getRevenueMonthly,
  'GET /overview': getOverview,
  'GET /income/statement': getIncomeStatement,
  'GET /fx/rates': getFxRates,
  'GET /receivables/aging': getReceivablesAging,
  'GET /receivables/aging/invoices': getReceivablesAgingInvoices,
  'GET /receivables/aging/trend': getReceivablesAgingTrend,
  'GET /receivables/metrics': getReceivablesMetrics,
  'GET /usage/heatmap': getUsageHeatmap,
  'GET /usage/peaks': getUsagePeaks,
  'GET /usage/patterns': getUsagePatterns,
  'GET /usage/top-consumers': getUsageTopConsumers,
  'GET /preferences/plan-mix': getPreferencesPlanMix,
  'GET /preferences/migrations': getPreferencesMigrations,
  'GET /preferences/adoption': getPreferencesAdoption,
  'GET /mrr/monthly': getMrrMonthly,
  'GET /mrr/movements': getMrrMovements,
  'GET /retention': getRetention,
  'GET /retention/cohorts': getRetentionCohorts,
  'GET /sync/runs': getSyncRuns,
  'GET /sync/runs/:runId': getSyncRun,
  'POST /sync': postSync,
  'GET /quarantine': getQuarantineSummary,
  'GET /quarantine/rows': getQuarantineRows,
  'GET /collections/outbox': getCollectionsOutbox,
  'GET /collections/agency-handoffs.csv': getCollectionsAgencyHandoffsCsv,
  'POST /collections/outbox/:id/ack': postCollectionsOutboxAck,
  'GET /retention/bonuses/outbox': getBonusOutbox,
  'POST /retention/bonuses/outbox/:id/ack': postBonusOutboxAck,
  'GET /collections/ladder': getCollectionsLadder,
  'GET /forecasts': getForecasts,
  'GET /exports/:dataset': getExport,
};

/** A NUL in the path or query string would fail in Postgres (500): a 400 naming the parameter instead. */
const refuseNul: RequestHandler = (req, res, next) => {
  const place = nulInUrl(new URL(req.originalUrl, 'http://localhost'));
  if (!place) return next();
  sendJson(res, 400, { error: { code: 'BAD_CHARACTER', message: nulMessage(place), ...(place === 'path' ? {} : { param: place }) } });
};

export interface ApiRouterOptions {
  /** Who is calling; the default reads an API token or the session cookie from the workbench database. */
  readonly authenticate?: Authenticate;
}

/**
 * The /api/v1 routes. Mounted by app/serve.ts before the SvelteKit handler. No global body parser:
 * validateRequest reads a route's JSON body when its schema declares one (schemas.ts). Express 5
 * forwards rejected promises to the error handler. Every route is registered with its rule from
 * API_RULES and its request schema in front of it; a handler without a rule or a schema (or a
 * rule without a handler) stops the start.
 */
export function createApiRouter(options: ApiRouterOptions = {}): Router {
  const authenticate = options.authenticate ?? authenticateRequest;
  const router = express.Router();
  const unruled = Object.keys(HANDLERS).filter((key) => !(key in API_RULES));
  const unhandled = Object.keys(API_RULES).filter((key) => !(key in HANDLERS));
  if (unruled.length || unhandled.length) throw new Error(`API routes and permission table disagree: no rule for ${unruled.join(', ') || '-'}; no handler for ${unhandled.join(', ') || '-'}`);
  const unschemed = Object.keys(HANDLERS).filter((key) => !(key in ROUTE_SCHEMAS));
  if (unschemed.length) throw new Error(`API routes without a request schema (app/lib/server/api/schemas.ts): ${unschemed.join(', ')}`);
  for (const [key, handler] of Object.entries(HANDLERS)) {
    const [method, path] = key.split(' ') as [string, string];
    const route = router.route(path);
    const chain = [guard(key, API_RULES[key]!, authenticate), refuseNul, validateRequest(ROUTE_SCHEMAS[key]!), handler];
    if (method === 'GET') route.get(...chain);
    else if (method === 'POST') route.post(...chain);
    else throw new Error(`unsupported method in ${key}`);
  }
  router.use((req, res) => sendJson(res, 404, { error: { code: 'NOT_FOUND', message: `no API route ${req.method} ${req.baseUrl}${req.path}` } }));
  router.use(apiErrorHandler);
  return router;
}
