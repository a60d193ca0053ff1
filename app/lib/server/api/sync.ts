import type { RequestHandler } from 'express';
import { SyncError } from '../../../../pipelines/sync/run-sync.ts';
import { parseRunId, parseSyncMode } from '../data-quality/params.ts';
import { querySyncRun, querySyncRunDetail, querySyncRuns } from '../data-quality/queries.ts';
import { getServices } from '../services.ts';
import { searchParams } from './search-params.ts';
import { sendJson } from './send.ts';

/** GET /api/v1/sync/runs: `{ runs }`, the latest 50 runs of meta.sync_runs, newest first. */
export const getSyncRuns: RequestHandler = async (_req, res) => {
  sendJson(res, 200, { runs: await querySyncRuns(getServices().warehouse) });
};

/** GET /api/v1/sync/runs/:runId: `{ run, tables, reconciliation }`; 400 BAD_RUN_ID, 404 RUN_NOT_FOUND. */
export const getSyncRun: RequestHandler<{ runId: string }> = async (req, res) => {
  const runId = parseRunId(req.params.runId);
  sendJson(res, 200, await querySyncRunDetail(getServices().warehouse, runId));
};

/**
 * POST /api/v1/sync?mode=full|incremental (absent: auto, incremental once a snapshot exists). Any
 * body is ignored. Waits for the sync and answers 200 `{ summary, run }`; a failed sync answers 409
 * `{ error: { code: 'SYNC_FAILED', reason, message, runId } }` (reason: SYNC_FAILED,
 * RECONCILIATION_FAILED or MODEL_TESTS_FAILED) and the previous snapshot stays in place.
 * A sync already in flight is joined, whatever its mode: `summary.mode` says which ran.
 * Known limitation: the request stays open for the whole sync (seconds on demo data); clients and
 * proxies need a timeout longer than the slowest sync.
 */
export const postSync: RequestHandler = async (req, res) => {
  const mode = parseSyncMode(searchParams(req.originalUrl).get('mode'));
  const services = getServices();
  try {
    const summary = await services.sync(mode);
    sendJson(res, 200, { summary, run: await querySyncRun(services.warehouse, BigInt(summary.runId)) });
  } catch (err) {
    if (!(err instanceof SyncError)) throw err;
    sendJson(res, 409, { error: { code: 'SYNC_FAILED', reason: err.code, message: err.message, runId: err.runId } });
  }
};
