import { sql } from 'kysely';
import type { WorkbenchDb } from './database.ts';
import { WorkbenchInputError } from './errors.ts';
import type { OutboxEntry } from './schema.ts';

/** An outbox row as the billing system's poller sees it. */
export interface PendingOutboxEntry {
  readonly id: bigint;
  readonly actionId: bigint;
  /** What approveAction wrote: actionId, caseId, customerId, invoiceId, step, kind, amountMinor, currency, idempotencyKey, approvedBy, approvedAt, details. */
  readonly payload: OutboxEntry['payload'];
  readonly createdAt: Date;
}

/**
 * Approved actions the billing system has not acknowledged yet, oldest first. Polling is
 * at-least-once: an entry stays here until acknowledged, so a poller that crashes after reading
 * sees it again (deduplicate on payload.idempotencyKey). `limit` 1–500, default 100.
 */
export async function listPendingOutbox(db: WorkbenchDb, options: { readonly limit?: number } = {}): Promise<PendingOutboxEntry[]> {
  const limit = Number.isInteger(options.limit) ? Math.min(Math.max(1, options.limit!), 500) : 100;
  const rows = await db.selectFrom('outbox').selectAll().where('acknowledged_at', 'is', null).orderBy('id').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, actionId: r.action_id, payload: r.payload, createdAt: r.created_at }));
}

export class OutboxEntryNotFoundError extends Error {
  readonly code = 'OUTBOX_ENTRY_NOT_FOUND';
  readonly status = 404;
}

export interface OutboxAck {
  readonly entry: OutboxEntry;
  /** True when it had been acknowledged before: nothing was written this time. */
  readonly repeated: boolean;
}

/**
 * The billing system confirms it took an outbox entry: sets published_at (if unset) and
 * acknowledged_at, and marks the action 'published', in one transaction. Idempotent: acknowledging
 * again returns the entry unchanged with `repeated: true`. Throws OutboxEntryNotFoundError.
 */
export async function acknowledgeOutbox(db: WorkbenchDb, outboxId: bigint): Promise<OutboxAck> {
  if (typeof outboxId !== 'bigint' || outboxId <= 0n) throw new WorkbenchInputError(`"${String(outboxId)}" is not an outbox id`);
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('outbox').selectAll().where('id', '=', outboxId).forUpdate().executeTakeFirst();
    if (!current) throw new OutboxEntryNotFoundError(`There is no outbox entry ${outboxId}`);
    if (current.acknowledged_at) return { entry: current, repeated: true };
    const entry = await trx
      .updateTable('outbox')
      .set({ acknowledged_at: sql<Date>`now()`, published_at: sql<Date>`coalesce(published_at, now())` })
      .where('id', '=', outboxId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx.updateTable('collection_actions').set({ status: 'published' }).where('id', '=', current.action_id).where('status', '=', 'approved').execute();
    return { entry, repeated: false };
  });
}
