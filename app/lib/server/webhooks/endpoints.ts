import { m } from '$lib/paraglide/messages.js';
import { randomBytes } from 'node:crypto';
import { audit } from '../auth/audit.ts';
import type { Principal } from '../auth/principal.ts';
import type { WorkbenchDb } from '../workbench/database.ts';
import { WorkbenchInputError } from '../workbench/errors.ts';
import type { WebhookDelivery, WebhookEndpoint } from '../workbench/schema.ts';
import { isWebhookEvent } from './events.ts';

export const WEBHOOK_SECRET_PREFIX = 'whsec_';

/** An endpoint as lists show it: never the secret. */
export type WebhookEndpointView = Omit<WebhookEndpoint, 'secret'>;

function checkUrl(raw: string): string {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new WorkbenchInputError(m.dt_wh_err_url());
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new WorkbenchInputError(m.dt_wh_err_protocol());
  if (url.username || url.password) throw new WorkbenchInputError(m.dt_wh_err_credentials());
  if (text.length > 2000) throw new WorkbenchInputError(m.dt_wh_err_url_long());
  return url.toString();
}

/** Registers an endpoint; the signing secret is returned this once (the admin copies it to the receiver). Audited as settings_changed. */
export async function createWebhookEndpoint(db: WorkbenchDb, input: { url: string; description?: string; events: readonly string[] }, by: Principal): Promise<{ secret: string; endpoint: WebhookEndpointView }> {
  const url = checkUrl(input.url);
  const events = [...new Set(input.events)];
  if (events.length === 0) throw new WorkbenchInputError(m.dt_wh_err_no_event());
  const unknown = events.filter((e) => !isWebhookEvent(e));
  if (unknown.length) throw new WorkbenchInputError(m.dt_wh_err_unknown_event({ events: unknown.join(', ') }));
  const description = (input.description ?? '').trim();
  if (description.length > 200) throw new WorkbenchInputError(m.dt_wh_err_description_long());
  const secret = `${WEBHOOK_SECRET_PREFIX}${randomBytes(24).toString('base64url')}`;
  const { secret: _stored, ...endpoint } = await db
    .insertInto('webhook_endpoints')
    .values({ url, description, events: JSON.stringify(events), secret, created_by: by.kind === 'user' ? by.email : `token:${by.name}` })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(db, { kind: 'settings_changed', principal: by, target: `webhook ${endpoint.id}`, details: { change: 'webhook_created', url, events } });
  return { secret, endpoint };
}

export function listWebhookEndpoints(db: WorkbenchDb): Promise<WebhookEndpointView[]> {
  return db.selectFrom('webhook_endpoints').select(['id', 'url', 'description', 'events', 'active', 'created_by', 'created_at']).orderBy('id').execute();
}

/** Pauses (no new events are queued for it, queued ones wait) or resumes an endpoint. */
export async function setWebhookEndpointActive(db: WorkbenchDb, id: bigint, active: boolean, by: Principal): Promise<void> {
  const row = await db.updateTable('webhook_endpoints').set({ active }).where('id', '=', id).returning('url').executeTakeFirst();
  if (!row) throw new WorkbenchInputError(m.dt_wh_err_no_endpoint());
  await audit(db, { kind: 'settings_changed', principal: by, target: `webhook ${id}`, details: { change: active ? 'webhook_enabled' : 'webhook_disabled', url: row.url } });
}

/** Removes an endpoint and its delivery log. */
export async function deleteWebhookEndpoint(db: WorkbenchDb, id: bigint, by: Principal): Promise<void> {
  const row = await db.deleteFrom('webhook_endpoints').where('id', '=', id).returning('url').executeTakeFirst();
  if (!row) throw new WorkbenchInputError(m.dt_wh_err_no_endpoint());
  await audit(db, { kind: 'settings_changed', principal: by, target: `webhook ${id}`, details: { change: 'webhook_deleted', url: row.url } });
}

/** The delivery log, newest first (without payloads). */
export function listWebhookDeliveries(db: WorkbenchDb, limit = 100): Promise<Omit<WebhookDelivery, 'payload'>[]> {
  return db
    .selectFrom('webhook_deliveries')
    .select(['id', 'endpoint_id', 'event_id', 'event_type', 'status', 'attempts', 'next_attempt_at', 'claimed_until', 'last_attempt_at', 'response_status', 'last_error', 'delivered_at', 'created_at'])
    .orderBy('id', 'desc')
    .limit(Math.min(Math.max(1, limit), 500))
    .execute();
}
