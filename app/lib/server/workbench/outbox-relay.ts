import { sql } from 'kysely';
import type { WorkbenchDb } from './database.ts';
import { WorkbenchInputError } from './errors.ts';
import type { JsonObject, OutboxEntry, RetentionBonusOutboxTable } from './schema.ts';
import type { Selectable } from 'kysely';
import { audit } from '../auth/audit.ts';
import type { Principal } from '../auth/principal.ts';

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

/** Who acknowledges, and the billing system's own reference (both go to the audit log once). */
export interface AckBy {
  readonly principal?: Principal | null;
  readonly reference?: string;
}

function ackDetails(details: JsonObject, by: AckBy): JsonObject {
  return by.reference ? { ...details, reference: by.reference } : details;
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
export async function acknowledgeOutbox(db: WorkbenchDb, outboxId: bigint, by: AckBy = {}): Promise<OutboxAck> {
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
    await audit(trx, { kind: 'outbox_acknowledged', principal: by.principal ?? null, target: `outbox ${outboxId}`, details: ackDetails({ actionId: String(current.action_id) }, by) });
    return { entry, repeated: false };
  });
}

export type BonusOutboxEntry = Selectable<RetentionBonusOutboxTable>;

export interface PendingBonusOutboxEntry {
  readonly id: bigint;
  readonly bonusId: bigint;
  /** What decideBonus wrote: kind 'retention_credit', bonusId, customerId, amountMinor, currency, idempotencyKey, reason, approvedBy, approvedAt. */
  readonly payload: BonusOutboxEntry['payload'];
  readonly createdAt: Date;
}

/** Approved retention bonuses the billing system has not acknowledged yet, oldest first (same contract as listPendingOutbox). */
export async function listPendingBonusOutbox(db: WorkbenchDb, options: { readonly limit?: number } = {}): Promise<PendingBonusOutboxEntry[]> {
  const limit = Number.isInteger(options.limit) ? Math.min(Math.max(1, options.limit!), 500) : 100;
  const rows = await db.selectFrom('retention_bonus_outbox').selectAll().where('acknowledged_at', 'is', null).orderBy('id').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, bonusId: r.bonus_id, payload: r.payload, createdAt: r.created_at }));
}

/** The billing system confirms it credited a bonus. Idempotent like acknowledgeOutbox; one audit entry, on the first call. */
export async function acknowledgeBonusOutbox(db: WorkbenchDb, outboxId: bigint, by: AckBy = {}): Promise<{ entry: BonusOutboxEntry; repeated: boolean }> {
  if (typeof outboxId !== 'bigint' || outboxId <= 0n) throw new WorkbenchInputError(`"${String(outboxId)}" is not an outbox id`);
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('retention_bonus_outbox').selectAll().where('id', '=', outboxId).forUpdate().executeTakeFirst();
    if (!current) throw new OutboxEntryNotFoundError(`There is no retention bonus outbox entry ${outboxId}`);
    if (current.acknowledged_at) return { entry: current, repeated: true };
    const entry = await trx
      .updateTable('retention_bonus_outbox')
      .set({ acknowledged_at: sql<Date>`now()`, published_at: sql<Date>`coalesce(published_at, now())` })
      .where('id', '=', outboxId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, { kind: 'outbox_acknowledged', principal: by.principal ?? null, target: `bonus outbox ${outboxId}`, details: ackDetails({ bonusId: String(current.bonus_id) }, by) });
    return { entry, repeated: false };
  });
}
