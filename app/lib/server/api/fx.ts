import type { RequestHandler } from 'express';
import { listRates } from '../fx/rates.ts';
import { getServices } from '../services.ts';
import { sendJson } from './send.ts';

/** GET /api/v1/fx/rates: every dated rate the workbench keeps (1 currency = rate quote), oldest first. */
export const getFxRates: RequestHandler = async (_req, res) => {
  sendJson(res, 200, { rates: await listRates(getServices().workbench.db) });
};
