import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissionsOf, type Permission, type Role } from '../../app/lib/access/permissions.ts';
import { createApiRouter } from '../../app/lib/server/api/router.ts';
import type { Principal } from '../../app/lib/server/auth/principal.ts';
import { accessLog } from '../../app/lib/server/ops/access-log.ts';
import { createLogger } from '../../app/lib/server/ops/log.ts';
import { observeSync } from '../../app/lib/server/ops/metrics.ts';
import { clearServices, setServices } from '../../app/lib/server/services.ts';
import type { LedgerlensServices } from '../../pipelines/services.ts';
import { createTestWorkbench, type TestWorkbench } from '../support/workbench-database.ts';

const user = (role: Role): Principal => ({
  kind: 'user', id: 1n, email: `${role}@example.test`, name: `A ${role}`, role, permissions: permissionsOf(role),
  ownCasesOnly: false, locale: null, demo: false, mustChangePassword: false, sessionId: 'x',
});
const token = (scopes: Permission[]): Principal => ({ kind: 'token', id: 2n, name: 'prometheus', permissions: new Set(scopes) });

/**
 * GET /api/v1/metrics over HTTP, with the access log in front as in app/serve.ts, on a real
 * workbench database (the queue gauges count its rows). Callers are chosen by a test header.
 */
describe('Prometheus metrics and the access log', () => {
  let wb: TestWorkbench;
  let server: Server;
  let url: string;
  const logLines: string[] = [];
  const callers: Record<string, Principal | null> = {
    admin: user('admin'), finance: user('finance'), collections: user('collections'), scraper: token(['metrics:read']), other: token(['dashboards:read']), none: null,
  };

  beforeAll(async () => {
    wb = await createTestWorkbench();
    const db = wb.workbench.db;
    const [open1, , resolved] = await db.insertInto('cases').values([
      { customer_id: 'cust-1', updated_by: 'test' }, { customer_id: 'cust-2', updated_by: 'test' }, { customer_id: 'cust-3', updated_by: 'test' },
    ]).returning('id').execute();
    await db.updateTable('cases').set({ status: 'resolved', resolved_at: new Date() }).where('id', '=', resolved!.id).execute();
    const action = await db.insertInto('collection_actions').values({ case_id: open1!.id, invoice_id: 'inv-1', step: 'late_fee', kind: 'late_fee', amount_minor: 500n, currency: 'RUB', idempotency_key: 'k1', details: '{}', status: 'approved', decided_by: 'test', decided_at: new Date() }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('outbox').values({ action_id: action.id, payload: JSON.stringify({ kind: 'late_fee' }) }).execute();
    setServices({ config: { timezone: 'Europe/Moscow' }, workbench: wb.workbench } as unknown as LedgerlensServices);
    const app = express();
    app.use(accessLog(createLogger((line) => logLines.push(line))));
    app.use('/api/v1', createApiRouter({ authenticate: async (req) => callers[String(req.headers['x-test-caller'])] ?? null }));
    server = app.listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  });
  afterAll(async () => {
    clearServices();
    if (server) await new Promise((resolve) => server.close(resolve));
    await wb?.drop();
  });

  const get = (path: string, caller: string) => fetch(url + path, { headers: { 'x-test-caller': caller } });

  it('answers admins and tokens with the metrics:read scope only', async () => {
    expect((await get('/metrics', 'admin')).status).toBe(200);
    expect((await get('/metrics', 'scraper')).status).toBe(200);
    expect((await get('/metrics', 'finance')).status).toBe(403);
    expect((await get('/metrics', 'other')).status).toBe(403);
    expect((await get('/metrics', 'none')).status).toBe(401);
  });

  it('labels request latency by route pattern and status class, never by the raw URL', async () => {
    expect((await get('/sync/runs/424242?email=ivan@example.ru', 'collections')).status).toBe(403);
    expect((await get('/no/such/route/777', 'admin')).status).toBe(404);
    const res = await get('/metrics', 'scraper');
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const body = await res.text();
    expect(body).toMatch(/^ledgerlens_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/sync\/runs\/:runId",status_class="4xx"\} 1$/m);
    expect(body).toMatch(/^ledgerlens_http_request_duration_seconds_bucket\{le="\+Inf",method="GET",route="\/api\/v1\/metrics",status_class="2xx"\} [1-9]/m);
    expect(body).toMatch(/^ledgerlens_http_request_duration_seconds_count\{method="GET",route="\(unmatched \/api\/v1\)",status_class="4xx"\} 1$/m);
    expect(body).not.toContain('424242');
    expect(body).not.toContain('no/such');
    expect(body).not.toContain('ivan');
  });

  it('reports the queue sizes from the workbench database', async () => {
    const body = await (await get('/metrics', 'admin')).text();
    expect(body).toMatch(/^ledgerlens_collection_cases_open 2$/m);
    expect(body).toMatch(/^ledgerlens_outbox_pending\{outbox="collections"\} 1$/m);
    expect(body).toMatch(/^ledgerlens_outbox_pending\{outbox="retention_bonuses"\} 0$/m);
    await wb.workbench.db.updateTable('outbox').set({ acknowledged_at: new Date() }).execute();
    expect(await (await get('/metrics', 'admin')).text()).toMatch(/^ledgerlens_outbox_pending\{outbox="collections"\} 0$/m);
  });

  it('reports sync duration and rows per table', async () => {
    observeSync({ mode: 'incremental', status: 'succeeded', seconds: 12.5, rowsByTable: new Map([['invoices', 1200], ['payments', 800]]) });
    observeSync({ mode: 'incremental', status: 'failed', seconds: 3, rowsByTable: new Map([['invoices', 50]]) });
    const body = await (await get('/metrics', 'admin')).text();
    expect(body).toMatch(/^ledgerlens_sync_duration_seconds_count\{mode="incremental",status="succeeded"\} 1$/m);
    expect(body).toMatch(/^ledgerlens_sync_duration_seconds_sum\{mode="incremental",status="succeeded"\} 12\.5$/m);
    expect(body).toMatch(/^ledgerlens_sync_duration_seconds_count\{mode="incremental",status="failed"\} 1$/m);
    expect(body).toMatch(/^ledgerlens_sync_rows\{table="invoices"\} 1200$/m); // the failed sync's partial read is not the last sync's
    expect(body).toMatch(/^ledgerlens_sync_rows_total\{table="payments"\} 800$/m);
    expect(body).toMatch(/^ledgerlens_sync_last_success_timestamp_seconds \d+/m);
  });

  it('writes one access-log line per request: method, route pattern, status, ms and the role, no ids, query or identity', () => {
    const lines = logLines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const denied = lines.find((l) => l.route === '/api/v1/sync/runs/:runId');
    expect(denied).toMatchObject({ level: 'info', event: 'http.request', method: 'GET', status: 403, principal: 'collections' });
    expect(typeof denied!.ms).toBe('number');
    expect(lines.filter((l) => l.route === '/api/v1/metrics').map((l) => l.principal)).toEqual(expect.arrayContaining(['admin', 'token', 'finance', 'anonymous']));
    const raw = logLines.join('');
    for (const leak of ['424242', 'ivan', 'example.test', 'prometheus', 'x-test-caller']) expect(raw).not.toContain(leak);
    expect(logLines.every((l) => l.endsWith('\n') && !l.slice(0, -1).includes('\n'))).toBe(true);
  });
});
