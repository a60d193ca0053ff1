/**
 * The integration API's contract: the OpenAPI 3.1 document lists every route of the permission
 * table with its scope; requests are checked against the same schemas (unknown parameters, bad
 * JSON, oversized bodies, unknown fields); an outbox acknowledgement repeated ten times changes
 * state once. Real workbench database (tests/support/workbench-database.ts).
 */
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerlensServices } from '../../pipelines/services.ts';
import { API_RULES } from '../../app/lib/access/routes.ts';
import { isPermission } from '../../app/lib/access/permissions.ts';
import { buildOpenApiDocument, openApiPath } from '../../app/lib/server/api/openapi.ts';
import { createApiRouter, HANDLERS } from '../../app/lib/server/api/router.ts';
import { MAX_BODY_BYTES, ROUTE_SCHEMAS } from '../../app/lib/server/api/schemas.ts';
import { clearServices, setServices } from '../../app/lib/server/services.ts';
import { approveAction, ensureCases, recordProposals } from '../../app/lib/server/workbench/index.ts';
import { asAllScopesToken } from '../support/principal.ts';
import { createTestWorkbench, type TestWorkbench } from '../support/workbench-database.ts';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

describe('OpenAPI 3.1 document', () => {
  const doc = buildOpenApiDocument();

  it('documents every route of API_RULES (and the router serves exactly those) with its scope', () => {
    expect(Object.keys(HANDLERS).sort()).toEqual(Object.keys(API_RULES).sort());
    expect(Object.keys(ROUTE_SCHEMAS).sort()).toEqual(Object.keys(API_RULES).sort());
    const documented: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) documented.push(`${method.toUpperCase()} ${path}`);
    }
    expect(documented.sort()).toEqual(Object.keys(API_RULES).map((k) => { const [m, p] = k.split(' '); return `${m} /api/v1${openApiPath(p!)}`; }).sort());
    for (const [key, requirement] of Object.entries(API_RULES)) {
      const [method, path] = key.split(' ') as [string, string];
      const op = doc.paths[`/api/v1${openApiPath(path)}`]![method.toLowerCase()]!;
      expect(op['x-required-scope']).toBe(requirement);
      if (requirement === 'public') expect(op.security).toEqual([]);
      else {
        expect(op.security).toEqual([{ bearerToken: [] }, { sessionCookie: [] }]);
        expect(op.responses['401']).toBeDefined();
        expect(op.responses['403']).toBeDefined();
        if (isPermission(requirement)) expect(op.description).toContain(`\`${requirement}\``);
      }
    }
  });

  it('has the shape OpenAPI 3.1 asks for', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toBeTruthy();
    expect(doc.info.version).toBeTruthy();
    const schemes = (doc.components as { securitySchemes: Record<string, { type: string; scheme?: string }> }).securitySchemes;
    expect(schemes.bearerToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    const ids = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths)) {
      expect(path.startsWith('/')).toBe(true);
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const [method, op] of Object.entries(item)) {
        expect(METHODS).toContain(method);
        expect(ids.has(op.operationId)).toBe(false);
        ids.add(op.operationId);
        expect(Object.keys(op.responses).length).toBeGreaterThan(0);
        for (const [status, response] of Object.entries(op.responses)) {
          expect(status).toMatch(/^[1-5]\d\d$/);
          expect(typeof response.description).toBe('string');
        }
        for (const schemeUse of op.security) for (const name of Object.keys(schemeUse)) expect(schemes[name]).toBeDefined();
        const seen = new Set<string>();
        for (const p of op.parameters as { name: string; in: string; required: boolean; schema: Record<string, unknown> }[]) {
          expect(['query', 'path', 'header', 'cookie']).toContain(p.in);
          expect(seen.has(`${p.in}:${p.name}`)).toBe(false);
          seen.add(`${p.in}:${p.name}`);
          expect(typeof p.schema).toBe('object');
          if (p.in === 'path') expect(p.required).toBe(true);
        }
        // Every {name} of the path is a path parameter, and no other.
        expect((op.parameters as { name: string; in: string }[]).filter((p) => p.in === 'path').map((p) => p.name).sort()).toEqual([...templated].sort());
      }
    }
    // The document survives JSON (no bigints, functions or cycles).
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });
});

describe('requests checked against the route schemas; outbox acknowledgement', () => {
  let t: TestWorkbench;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    t = await createTestWorkbench();
    setServices({ config: { timezone: 'Europe/Moscow' }, workbench: t.workbench } as unknown as LedgerlensServices);
    const app = express();
    app.use('/api/v1', createApiRouter({ authenticate: asAllScopesToken }));
    server = app.listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  });
  afterAll(async () => {
    clearServices();
    await new Promise((resolve) => server?.close(resolve));
    await t?.drop();
  });

  const call = async (path: string, init?: RequestInit) => {
    const res = await fetch(url + path, init);
    return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string; param?: string } } & Record<string, unknown> };
  };
  const postJson = (path: string, body: string, type = 'application/json') => call(path, { method: 'POST', headers: { 'content-type': type }, body });

  it('serves the document at /openapi.json without a token', async () => {
    const { status, body } = await call('/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths as object)).toContain('/api/v1/collections/outbox/{id}/ack');
  });

  it('answers unknown and repeated query parameters with 400 naming the parameter', async () => {
    expect(await call('/collections/outbox?limit=5&drop_table=1')).toMatchObject({ status: 400, body: { error: { code: 'UNKNOWN_PARAMETER', param: 'drop_table' } } });
    expect((await call('/fx/rates?x=1')).body.error!.message).toContain('"x"');
    expect(await call('/collections/outbox?limit=1&limit=2')).toMatchObject({ status: 400, body: { error: { code: 'REPEATED_PARAMETER', param: 'limit' } } });
    expect(await call('/sync?mode=sideways', { method: 'POST' })).toMatchObject({ status: 400, body: { error: { code: 'BAD_MODE', param: 'mode' } } });
    expect(await call(`/collections/outbox?limit=${'9'.repeat(3000)}`)).toMatchObject({ status: 400, body: { error: { code: 'PARAMETER_TOO_LONG', param: 'limit' } } });
    // SQL in a value is data: the handler's own check answers.
    expect(await call("/collections/outbox?limit=1;drop%20table%20workbench.outbox")).toMatchObject({ status: 400, body: { error: { param: 'limit' } } });
    expect(await call("/collections/outbox/1'%20or%201=1/ack", { method: 'POST' })).toMatchObject({ status: 400, body: { error: { param: 'id' } } });
  });

  it('answers malformed JSON, oversized bodies, unknown fields and wrong types with clear 4xx', async () => {
    expect(await postJson('/collections/outbox/1/ack', '{"reference": ')).toMatchObject({ status: 400, body: { error: { code: 'MALFORMED_JSON' } } });
    expect(await postJson('/collections/outbox/1/ack', '[1,2]')).toMatchObject({ status: 400, body: { error: { code: 'BAD_BODY' } } });
    expect(await postJson('/collections/outbox/1/ack', '{"reference":"r1","isAdmin":true}')).toMatchObject({ status: 400, body: { error: { code: 'UNKNOWN_FIELD', param: 'isAdmin' } } });
    expect(await postJson('/collections/outbox/1/ack', '{"reference":42}')).toMatchObject({ status: 400, body: { error: { code: 'BAD_BODY', param: 'reference' } } });
    expect(await postJson('/collections/outbox/1/ack', 'reference=r1', 'application/x-www-form-urlencoded')).toMatchObject({ status: 415, body: { error: { code: 'UNSUPPORTED_MEDIA_TYPE' } } });
    const huge = JSON.stringify({ reference: 'x'.repeat(MAX_BODY_BYTES + 10) });
    expect(await postJson('/collections/outbox/1/ack', huge)).toMatchObject({ status: 413, body: { error: { code: 'BODY_TOO_LARGE' } } });
    expect(await postJson('/sync', '{"mode":"full"}')).toMatchObject({ status: 400, body: { error: { code: 'BODY_NOT_ALLOWED' } } });
    expect(await call('/collections/outbox/999999/ack', { method: 'POST' })).toMatchObject({ status: 404, body: { error: { code: 'OUTBOX_ENTRY_NOT_FOUND' } } });
    expect(await call('/retention/bonuses/outbox/999999/ack', { method: 'POST' })).toMatchObject({ status: 404, body: { error: { code: 'OUTBOX_ENTRY_NOT_FOUND' } } });
  });

  it('changes state once when the same outbox entry is acknowledged ten times', async () => {
    const db = t.workbench.db;
    const { opened } = await ensureCases(db, [{ customerId: 'c_ack' }], { actor: 'test' });
    const [proposal] = await recordProposals(db, [{ caseId: opened[0]!.id, invoiceId: 'INV-1', step: 'late-fee-1', kind: 'late_fee', amountMinor: 1500n, currency: 'RUB', idempotencyKey: 'c_ack:INV-1:late-fee-1' }]);
    const approved = await approveAction(db, proposal!.id, 'anna.petrova@ledgerlens.demo');
    const outboxId = approved.outbox!.id;
    expect((await call('/collections/outbox')).body.entries).toHaveLength(1);

    // Ten at once (the row lock serialises them), then the same again one by one: ten answers each.
    const concurrent = await Promise.all(Array.from({ length: 10 }, () => postJson(`/collections/outbox/${outboxId}/ack`, '{"reference":"billing-77"}')));
    const sequential = [];
    for (let i = 0; i < 10; i++) sequential.push(await call(`/collections/outbox/${outboxId}/ack`, { method: 'POST' }));
    const all = [...concurrent, ...sequential];
    expect(all.every((r) => r.status === 200)).toBe(true);
    expect(all.filter((r) => r.body.repeated === false)).toHaveLength(1);
    expect(all.filter((r) => r.body.repeated === true)).toHaveLength(19);
    const entries = all.map((r) => r.body.entry as { id: string; acknowledgedAt: string });
    expect(new Set(entries.map((e) => JSON.stringify(e))).size).toBe(1);
    expect(entries[0]).toMatchObject({ id: String(outboxId), actionId: String(proposal!.id) });

    const row = await db.selectFrom('outbox').selectAll().where('id', '=', outboxId).executeTakeFirstOrThrow();
    expect(row.acknowledged_at!.toISOString()).toBe(entries[0]!.acknowledgedAt);
    expect((await db.selectFrom('collection_actions').select('status').where('id', '=', proposal!.id).executeTakeFirstOrThrow()).status).toBe('published');
    const audits = await db.selectFrom('audit_log').selectAll().where('kind', '=', 'outbox_acknowledged').execute();
    expect(audits.map((a) => [a.target, a.actor, a.details])).toEqual([[`outbox ${outboxId}`, 'token:test-all-scopes', { actionId: String(proposal!.id), reference: 'billing-77' }]]);
    expect((await call('/collections/outbox')).body.entries).toEqual([]);
  });
});
