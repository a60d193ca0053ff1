import type { RequestHandler } from 'express';
import { metrics } from '../ops/metrics.ts';

/** GET /api/v1/metrics: the Prometheus text format (admins, or an API token with scope 'metrics:read'). */
export const getMetrics: RequestHandler = async (_req, res) => {
  const { registry } = metrics();
  const body = await registry.metrics();
  res.status(200).setHeader('Content-Type', registry.contentType).setHeader('Cache-Control', 'no-store').send(body);
};
