import { sql } from 'kysely';
import type { WorkbenchDb } from '../workbench/database.ts';
import type { WebhookDelivery } from '../workbench/schema.ts';
import { SIGNATURE_HEADER, webhookSignature } from './signature.ts';

/**
 * The webhook delivery loop. Each tick (1) queues one delivery per active endpoint × new outbox row
 * of a subscribed event (a unique key makes this a no-op the second time, in any process), then
 * (2) claims due deliveries with FOR UPDATE SKIP LOCKED and a lease, so two server processes on one
 * database never send the same attempt twice, and (3) POSTs each, signed. 2xx: delivered. 5xx, 408,
 * 429, a timeout or a network error: retried with exponential back-off until maxAttempts; another
 * 4xx: failed at once (the receiver refuses it; retrying would not help).
 */
export interface WebhookDeliveryOptions {
  readonly db: WorkbenchDb;
  readonly fetch?: typeof fetch;
  /** First retry delay; doubles each attempt up to maxDelayMs. */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly maxAttempts?: number;
  readonly timeoutMs?: number;
  /** Deliveries claimed per tick. */
  readonly batch?: number;
  /** Only outbox rows this recent are queued for an endpoint (besides: created after the endpoint). */
  readonly lookbackDays?: number;
  readonly log?: (event: Record<string, unknown>) => void;
}

export interface WebhookDeliverer {
  /** Queues new events, then sends what is due; resolves with how many attempts were made. */
  tick(): Promise<{ queued: number; attempted: number }>;
  start(intervalMs: number): void;
  /** Stops the timer and waits for a tick in flight. */
  stop(): Promise<void>;
}

const RETRYABLE_STATUS = (status: number) => status >= 500 || status === 408 || status === 429;

export function retryDelayMs(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempt - 1), maxMs);
}

/** Event rows for each source outbox; the SQL is fixed text, the event names are bound. */
async function enqueue(db: WorkbenchDb, lookbackDays: number): Promise<number> {
  const actions = await sql`
    insert into workbench.webhook_deliveries (endpoint_id, event_id, event_type, payload)
    select e.id, 'action.approved:' || o.id, 'action.approved',
           jsonb_build_object('id', 'action.approved:' || o.id, 'type', 'action.approved', 'createdAt', o.created_at,
                              'data', jsonb_build_object('outboxId', o.id::text) || o.payload)
    from workbench.webhook_endpoints e
    join workbench.outbox o on o.created_at >= e.created_at and o.created_at >= now() - make_interval(days => ${lookbackDays})
    where e.active and e.events @> ${JSON.stringify(['action.approved'])}::jsonb
    on conflict (endpoint_id, event_id) do nothing`.execute(db);
  const bonuses = await sql`
    insert into workbench.webhook_deliveries (endpoint_id, event_id, event_type, payload)
    select e.id, 'bonus.approved:' || o.id, 'bonus.approved',
           jsonb_build_object('id', 'bonus.approved:' || o.id, 'type', 'bonus.approved', 'createdAt', o.created_at,
                              'data', jsonb_build_object('outboxId', o.id::text) || o.payload)
    from workbench.webhook_endpoints e
    join workbench.retention_bonus_outbox o on o.created_at >= e.created_at and o.created_at >= now() - make_interval(days => ${lookbackDays})
    where e.active and e.events @> ${JSON.stringify(['bonus.approved'])}::jsonb
    on conflict (endpoint_id, event_id) do nothing`.execute(db);
  return Number(actions.numAffectedRows ?? 0n) + Number(bonuses.numAffectedRows ?? 0n);
}

/** Claims due deliveries of active endpoints: a lease (claimed_until) and the attempt counted, in one statement. */
async function claim(db: WorkbenchDb, batch: number, leaseSeconds: number): Promise<(WebhookDelivery & { url: string; secret: string })[]> {
  const claimed = await sql<WebhookDelivery>`
    update workbench.webhook_deliveries d
    set claimed_until = now() + make_interval(secs => ${leaseSeconds}), attempts = d.attempts + 1, last_attempt_at = now()
    where d.id in (
      select w.id from workbench.webhook_deliveries w
      join workbench.webhook_endpoints e on e.id = w.endpoint_id and e.active
      where w.status = 'pending' and w.next_attempt_at <= now() and (w.claimed_until is null or w.claimed_until < now())
      order by w.next_attempt_at, w.id
      limit ${batch}
      for update of w skip locked)
    returning d.*`.execute(db);
  if (claimed.rows.length === 0) return [];
  const endpoints = await db.selectFrom('webhook_endpoints').select(['id', 'url', 'secret']).where('id', 'in', [...new Set(claimed.rows.map((r) => r.endpoint_id))]).execute();
  const byId = new Map(endpoints.map((e) => [String(e.id), e]));
  return claimed.rows.flatMap((r) => {
    const e = byId.get(String(r.endpoint_id));
    return e ? [{ ...r, url: e.url, secret: e.secret }] : [];
  });
}

type Outcome = { ok: true; status: number } | { ok: false; retry: boolean; status: number | null; error: string };

async function send(doFetch: typeof fetch, delivery: WebhookDelivery & { url: string; secret: string }, timeoutMs: number): Promise<Outcome> {
  const body = JSON.stringify(delivery.payload);
  const timestamp = Math.floor(Date.now() / 1000);
  try {
    const res = await doFetch(delivery.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Ledgerlens-Webhooks/1',
        'ledgerlens-event': delivery.event_type,
        'ledgerlens-delivery': delivery.event_id,
        [SIGNATURE_HEADER.toLowerCase()]: webhookSignature(delivery.secret, timestamp, body),
      },
      body,
    });
    await res.body?.cancel().catch(() => undefined); // the receiver's body is not kept
    if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status };
    return { ok: false, retry: RETRYABLE_STATUS(res.status), status: res.status, error: `HTTP ${res.status}` };
  } catch (err) {
    const e = err as Error;
    const timedOut = e.name === 'TimeoutError' || e.name === 'AbortError';
    const cause = (e as { cause?: { code?: string } }).cause?.code;
    return { ok: false, retry: true, status: null, error: timedOut ? `timeout after ${timeoutMs} ms` : `network error${cause ? ` ${cause}` : ''}: ${e.message}`.slice(0, 300) };
  }
}

export function createWebhookDeliverer(options: WebhookDeliveryOptions): WebhookDeliverer {
  const db = options.db;
  const doFetch = options.fetch ?? fetch;
  const baseDelayMs = options.baseDelayMs ?? 30_000;
  const maxDelayMs = options.maxDelayMs ?? 3_600_000;
  const maxAttempts = options.maxAttempts ?? 8;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const batch = options.batch ?? 20;
  const lookbackDays = options.lookbackDays ?? 7;
  const log = options.log ?? (() => undefined);
  // A claim outlives the request it covers; after that another process may take the row over.
  const leaseSeconds = Math.ceil(timeoutMs / 1000) + 30;

  async function record(d: WebhookDelivery, outcome: Outcome): Promise<void> {
    // Conditional on the attempt this process claimed: a late answer never overwrites a newer attempt.
    const q = db.updateTable('webhook_deliveries').where('id', '=', d.id).where('attempts', '=', d.attempts);
    if (outcome.ok) {
      await q.set({ status: 'delivered', delivered_at: sql<Date>`now()`, response_status: outcome.status, last_error: null, claimed_until: null }).execute();
      return;
    }
    const giveUp = !outcome.retry || d.attempts >= maxAttempts;
    const delaySeconds = retryDelayMs(d.attempts, baseDelayMs, maxDelayMs) / 1000;
    await q
      .set({
        status: giveUp ? 'failed' : 'pending',
        response_status: outcome.status,
        last_error: outcome.error,
        claimed_until: null,
        ...(giveUp ? {} : { next_attempt_at: sql<Date>`now() + make_interval(secs => ${delaySeconds})` }),
      })
      .execute();
    log({ event: 'webhooks.attempt_failed', delivery: String(d.id), endpoint: String(d.endpoint_id), attempt: d.attempts, status: outcome.status, error: outcome.error, giveUp });
  }

  async function tick(): Promise<{ queued: number; attempted: number }> {
    const queued = await enqueue(db, lookbackDays);
    const due = await claim(db, batch, leaseSeconds);
    await Promise.all(due.map(async (d) => record(d, await send(doFetch, d, timeoutMs))));
    return { queued, attempted: due.length };
  }

  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let stopped = false;
  return {
    tick,
    start(intervalMs) {
      stopped = false;
      const loop = () => {
        running = tick()
          .catch((err) => log({ event: 'webhooks.tick_failed', error: err instanceof Error ? err.message : String(err) }))
          .finally(() => {
            running = null;
            if (!stopped) timer = setTimeout(loop, intervalMs);
          });
      };
      timer = setTimeout(loop, intervalMs);
      timer.unref?.();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
