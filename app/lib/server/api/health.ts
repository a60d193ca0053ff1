import type { RequestHandler } from 'express';
import { findServices } from '../services.ts';
import { queryLastSync } from '../sync/last-sync.ts';
import { sendJson } from './send.ts';

/** GET /api/v1/health: 503 `{status:'starting'}` until the services are up, then 200 `{status:'ok', lastSync}`. */
export const getHealth: RequestHandler = async (_req, res) => {
  const services = findServices();
  if (!services) {
    res.setHeader('Retry-After', '5');
    sendJson(res, 503, { status: 'starting' });
    return;
  }
  sendJson(res, 200, { status: 'ok', lastSync: await queryLastSync(services.warehouse) });
};
