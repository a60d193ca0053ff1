import express, { type Router } from 'express';
import { getCollectionsAgencyHandoffsCsv, getCollectionsOutbox, postCollectionsOutboxAck } from './collections.ts';
import { apiErrorHandler } from './errors.ts';
import { getExport } from './exports.ts';
import { getForecasts } from './forecasts.ts';
import { getCollectionsLadder } from './ladder.ts';
import { getHealth } from './health.ts';
import { getIncomeStatement } from './income.ts';
import { getOverview } from './overview.ts';
import { getFxRates } from './fx.ts';
import { getPreferencesAdoption, getPreferencesMigrations, getPreferencesPlanMix } from './preferences.ts';
import { getMrrMonthly, getMrrMovements, getRetention, getRetentionCohorts } from './mrr.ts';
import { getQuarantineRows, getQuarantineSummary } from './quarantine.ts';
import { getReceivablesAging, getReceivablesAgingInvoices, getReceivablesAgingTrend, getReceivablesMetrics } from './receivables.ts';
import { getRevenueMonthly } from './revenue-monthly.ts';
import { sendJson } from './send.ts';
import { getSyncRun, getSyncRuns, postSync } from './sync.ts';
import { getUsageHeatmap, getUsagePatterns, getUsagePeaks, getUsageTopConsumers } from './usage.ts';

/**
 * The /api/v1 routes. Mounted by app/serve.ts before the SvelteKit handler. No body parsers: the
 * routes read only the path and query string (POST /sync ignores any body). Express 5 forwards
 * rejected promises to the error handler.
 */
export function createApiRouter(): Router {
  const router = express.Router();
  router.get('/health', getHealth);
  router.get('/revenue/monthly', getRevenueMonthly);
  router.get('/overview', getOverview);
  router.get('/income/statement', getIncomeStatement);
  router.get('/fx/rates', getFxRates);
  router.get('/receivables/aging', getReceivablesAging);
  router.get('/receivables/aging/invoices', getReceivablesAgingInvoices);
  router.get('/receivables/aging/trend', getReceivablesAgingTrend);
  router.get('/receivables/metrics', getReceivablesMetrics);
  router.get('/usage/heatmap', getUsageHeatmap);
  router.get('/usage/peaks', getUsagePeaks);
  router.get('/usage/patterns', getUsagePatterns);
  router.get('/usage/top-consumers', getUsageTopConsumers);
  router.get('/preferences/plan-mix', getPreferencesPlanMix);
  router.get('/preferences/migrations', getPreferencesMigrations);
  router.get('/preferences/adoption', getPreferencesAdoption);
  router.get('/mrr/monthly', getMrrMonthly);
  router.get('/mrr/movements', getMrrMovements);
  router.get('/retention', getRetention);
  router.get('/retention/cohorts', getRetentionCohorts);
  router.get('/sync/runs', getSyncRuns);
  router.get('/sync/runs/:runId', getSyncRun);
  router.post('/sync', postSync);
  router.get('/quarantine', getQuarantineSummary);
  router.get('/quarantine/rows', getQuarantineRows);
  router.get('/collections/outbox', getCollectionsOutbox);
  router.get('/collections/agency-handoffs.csv', getCollectionsAgencyHandoffsCsv);
  router.post('/collections/outbox/:id/ack', postCollectionsOutboxAck);
  router.get('/collections/ladder', getCollectionsLadder);
  router.get('/forecasts', getForecasts);
  router.get('/exports/:dataset', getExport);
  router.use((req, res) => sendJson(res, 404, { error: { code: 'NOT_FOUND', message: `no API route ${req.method} ${req.baseUrl}${req.path}` } }));
  router.use(apiErrorHandler);
  return router;
}
