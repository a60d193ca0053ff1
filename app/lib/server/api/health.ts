import type { RequestHandler } from 'express';
import { sql } from 'kysely';
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

async function check(name: string, probe: () => Promise<unknown>): Promise<{ name: string; ok: boolean; ms: number; error?: string }> {
  const began = performance.now();
  try {
    await Promise.race([probe(), new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 2 s')), 2000).unref())]);
    return { name, ok: true, ms: Math.round(performance.now() - began) };
  } catch (err) {
    return { name, ok: false, ms: Math.round(performance.now() - began), error: (err as Error).message };
  }
}

/**
 * GET /api/v1/ready: 200 when the warehouse answers a query and the workbench database answers
 * one too, else 503 with which check failed (for a load balancer's readiness probe).
 */
export const getReady: RequestHandler = async (_req, res) => {
  const services = findServices();
  if (!services) {
    res.setHeader('Retry-After', '5');
    sendJson(res, 503, { status: 'starting', checks: [] });
    return;
  }
  const checks = await Promise.all([
    check('warehouse', () => services.warehouse.query('SELECT 1 AS ok')),
    check('workbench', () => sql`select 1`.execute(services.workbench.db)),
  ]);
  const ok = checks.every((c) => c.ok);
  sendJson(res, ok ? 200 : 503, { status: ok ? 'ready' : 'not_ready', checks });
};
