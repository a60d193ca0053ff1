/**
 * Signed webhooks against a real local receiver (node:http on port 0) and a real workbench
 * database: the signature verifies, a failed first attempt is retried after the back-off, the
 * delivery log says so, and two deliverers on separate connections send each event once.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../app/lib/server/auth/principal.ts';
import { createWebhookEndpoint, deleteWebhookEndpoint, listWebhookDeliveries, setWebhookEndpointActive } from '../../app/lib/server/webhooks/endpoints.ts';
import { createWebhookDeliverer, retryDelayMs } from '../../app/lib/server/webhooks/delivery.ts';
import { verifyWebhookSignature, webhookSignature } from '../../app/lib/server/webhooks/signature.ts';
import { approveAction, ensureCases, recordProposals } from '../../app/lib/server/workbench/index.ts';
import type { WorkbenchDb } from '../../app/lib/server/workbench/database.ts';
import { createTestWorkbench, type TestWorkbench } from '../support/workbench-database.ts';

const ADMIN: Principal = {
  kind: 'user', id: 1n, email: 'admin@ledgerlens.demo', name: 'Admin', role: 'admin', permissions: new Set(['admin:users']), ownCasesOnly: false,
  locale: null, demo: true, mustChangePassword: false, sessionId: 'x',
};

interface Received {
  readonly body: string;
  readonly signature: string | undefined;
  readonly event: string | undefined;
  readonly delivery: string | undefined;
  readonly valid: boolean;
}

async function approvedAction(db: WorkbenchDb, customerId: string): Promise<bigint> {
  const { opened } = await ensureCases(db, [{ customerId }], { actor: 'test' });
  const [proposal] = await recordProposals(db, [{ caseId: opened[0]!.id, invoiceId: 'INV-1', step: 'suspension', kind: 'suspension', idempotencyKey: `${customerId}:suspension` }]);
  return (await approveAction(db, proposal!.id, 'anna.petrova@ledgerlens.demo')).outbox!.id;
}

describe('signed webhooks', () => {
  let t: TestWorkbench;
  let receiver: Server;
  let url: string;
  let secret = '';
  const received: Received[] = [];
  /** How many of the next requests answer 500. */
  let failNext = 1;

  beforeAll(async () => {
    t = await createTestWorkbench();
    receiver = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const signature = req.headers['ledgerlens-signature'] as string | undefined;
        received.push({ body, signature, event: req.headers['ledgerlens-event'] as string, delivery: req.headers['ledgerlens-delivery'] as string, valid: verifyWebhookSignature(secret, signature, body) });
        if (failNext > 0) {
          failNext--;
          res.writeHead(500).end('try later');
        } else res.writeHead(204).end();
      });
    });
    receiver.listen(0, '127.0.0.1');
    await new Promise((resolve) => receiver.once('listening', resolve));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  });
  afterAll(async () => {
    await new Promise((resolve) => receiver?.close(resolve));
    await t?.drop();
  });

  it('signs like Stripe: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">, and refuses tampering and old timestamps', () => {
    const now = 1_760_000_000;
    const header = webhookSignature('whsec_test', now, '{"a":1}');
    expect(header).toMatch(/^t=1760000000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature('whsec_test', header, '{"a":1}', { now })).toBe(true);
    expect(verifyWebhookSignature('whsec_test', header, '{"a":2}', { now })).toBe(false);
    expect(verifyWebhookSignature('whsec_other', header, '{"a":1}', { now })).toBe(false);
    expect(verifyWebhookSignature('whsec_test', header, '{"a":1}', { now: now + 3600 })).toBe(false);
    expect([1, 2, 3, 4, 20].map((a) => retryDelayMs(a, 30_000, 3_600_000))).toEqual([30_000, 60_000, 120_000, 240_000, 3_600_000]);
  });

  it('delivers a new approved action signed, retries after a 500 with back-off, and logs both attempts', async () => {
    const db = t.workbench.db;
    const created = await createWebhookEndpoint(db, { url, description: 'CRM', events: ['action.approved'] }, ADMIN);
    secret = created.secret;
    expect(secret).toMatch(/^whsec_/);
    expect(JSON.stringify(await db.selectFrom('audit_log').select(['details', 'target']).where('kind', '=', 'settings_changed').execute())).not.toContain(secret);

    const outboxId = await approvedAction(db, 'c_hook');
    const deliverer = createWebhookDeliverer({ db, baseDelayMs: 300, timeoutMs: 2000 });
    expect(await deliverer.tick()).toEqual({ queued: 1, attempted: 1 });
    let [log] = await listWebhookDeliveries(db);
    expect(log).toMatchObject({ status: 'pending', attempts: 1, response_status: 500, last_error: 'HTTP 500', event_type: 'action.approved', event_id: `action.approved:${outboxId}` });
    expect(log!.next_attempt_at.getTime()).toBeGreaterThan(log!.last_attempt_at!.getTime());

    // Before the back-off has passed nothing is sent; after it, the retry succeeds.
    expect(await deliverer.tick()).toEqual({ queued: 0, attempted: 0 });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await deliverer.tick()).toEqual({ queued: 0, attempted: 1 });
    [log] = await listWebhookDeliveries(db);
    expect(log).toMatchObject({ status: 'delivered', attempts: 2, response_status: 204, last_error: null });
    expect(log!.delivered_at).toBeInstanceOf(Date);

    expect(received).toHaveLength(2);
    expect(received.every((r) => r.valid)).toBe(true);
    expect(received.map((r) => r.delivery)).toEqual([`action.approved:${outboxId}`, `action.approved:${outboxId}`]);
    expect(received[0]!.event).toBe('action.approved');
    const event = JSON.parse(received[1]!.body) as { id: string; type: string; data: Record<string, unknown> };
    expect(event).toMatchObject({ id: `action.approved:${outboxId}`, type: 'action.approved', data: { outboxId: String(outboxId), kind: 'suspension', customerId: 'c_hook', idempotencyKey: 'c_hook:suspension' } });
    expect(await deliverer.tick()).toEqual({ queued: 0, attempted: 0 });
  });

  it('sends each event once with two deliverers on separate connections ticking together', async () => {
    const db = t.workbench.db;
    const other = await t.session();
    const before = received.length;
    const ids = [await approvedAction(db, 'c_two_a'), await approvedAction(db, 'c_two_b'), await approvedAction(db, 'c_two_c')];
    const a = createWebhookDeliverer({ db, baseDelayMs: 300 });
    const b = createWebhookDeliverer({ db: other.db, baseDelayMs: 300 });
    const results = await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
    expect(results.reduce((n, r) => n + r.queued, 0)).toBe(3);
    expect(results.reduce((n, r) => n + r.attempted, 0)).toBe(3);
    const now = received.slice(before);
    expect(now.map((r) => r.delivery).sort()).toEqual(ids.map((id) => `action.approved:${id}`).sort());
    expect(now.every((r) => r.valid)).toBe(true);
  });

  it('queues nothing for a paused endpoint; changes are audited as settings_changed', async () => {
    const db = t.workbench.db;
    const [endpoint] = await db.selectFrom('webhook_endpoints').select('id').execute();
    await setWebhookEndpointActive(db, endpoint!.id, false, ADMIN);
    await approvedAction(db, 'c_paused');
    expect(await createWebhookDeliverer({ db }).tick()).toEqual({ queued: 0, attempted: 0 });
    await deleteWebhookEndpoint(db, endpoint!.id, ADMIN);
    const changes = await db.selectFrom('audit_log').select(['details', 'actor']).where('kind', '=', 'settings_changed').orderBy('id').execute();
    expect(changes.map((c) => [c.actor, (c.details as { change: string }).change])).toEqual([
      ['admin@ledgerlens.demo', 'webhook_created'], ['admin@ledgerlens.demo', 'webhook_disabled'], ['admin@ledgerlens.demo', 'webhook_deleted'],
    ]);
    expect(await listWebhookDeliveries(db)).toEqual([]);
  });
});
