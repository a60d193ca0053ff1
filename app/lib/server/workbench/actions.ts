import { sql } from 'kysely';
import { appendCaseEvent, changeCaseIn, requireActor, toJson, type Actor } from './change-case.ts';
import type { WorkbenchDb } from './database.ts';
import { ActionNotFoundError, ActionStateError, WorkbenchInputError } from './errors.ts';
import { FOREIGN_KEY_VIOLATION, pgError } from './pg-errors.ts';
import type { Case, CollectionAction, OutboxEntry } from './schema.ts';

/** One action the escalation policy proposes (the engine's output). */
export interface ActionProposal {
  readonly caseId: bigint;
  readonly invoiceId?: string | null;
  readonly step: string;
  readonly kind: string;
  /** With `currency`, or neither. */
  readonly amountMinor?: bigint | null;
  readonly currency?: string | null;
  /** Same key = same action: proposing it again does nothing (e.g. `${caseId}:${invoiceId}:${step}`). */
  readonly idempotencyKey: string;
  /** The engine's whole proposal for the collector and the publisher (reason, cycle, invoiceIds, fee breakdown); bigints become strings. */
  readonly details?: Readonly<Record<string, unknown>>;
  /** escalation_policies.version of the policy that proposed it. */
  readonly policyVersion?: number | null;
}

/** What the escalation engine is called in the audit trail. */
export const ESCALATION_POLICY: Actor = 'system:escalation-policy';

/**
 * Records proposals, skipping any whose idempotency key is already known (INSERT … ON CONFLICT
 * (idempotency_key) DO NOTHING), with one 'action_proposed' audit row each for the new ones
 * `{ actionId, step, kind, invoiceId, amountMinor, currency, idempotencyKey, policyVersion }`. A system change: the
 * case version does not move. Returns only the actions this call created.
 */
export async function recordProposals(db: WorkbenchDb, proposals: readonly ActionProposal[], actor: Actor = ESCALATION_POLICY): Promise<CollectionAction[]> {
  requireActor(actor);
  if (proposals.length === 0) return [];
  for (const p of proposals) {
    if (!p.idempotencyKey) throw new WorkbenchInputError(`A proposal for case ${p.caseId} without an idempotency key`);
    if ((p.amountMinor == null) !== (p.currency == null)) throw new WorkbenchInputError(`Proposal ${p.idempotencyKey}: amountMinor and currency go together`);
  }
  try {
    return await db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('collection_actions')
        .values(proposals.map((p) => ({
          case_id: p.caseId, invoice_id: p.invoiceId ?? null, step: p.step, kind: p.kind,
          amount_minor: p.amountMinor ?? null, currency: p.currency ?? null, idempotency_key: p.idempotencyKey,
          details: toJson(p.details ?? {}), policy_version: p.policyVersion ?? null,
        })))
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .returningAll()
        .execute();
      for (const a of inserted) {
        await appendCaseEvent(trx, a.case_id, actor, 'action_proposed', {
          actionId: a.id, step: a.step, kind: a.kind, invoiceId: a.invoice_id, amountMinor: a.amount_minor, currency: a.currency, idempotencyKey: a.idempotency_key,
          policyVersion: a.policy_version,
        });
      }
      return inserted.sort((a, b) => (a.id < b.id ? -1 : 1));
    });
  } catch (err) {
    if (pgError(err).code === FOREIGN_KEY_VIOLATION) throw new WorkbenchInputError('A proposal names a case that does not exist', { cause: err });
    throw err;
  }
}

export interface ActionDecision {
  readonly action: CollectionAction;
  /** The case after the decision (its version moved on unless `repeated`). */
  readonly case: Case;
  /** The outbox row (approve only; null for skip). */
  readonly outbox: OutboxEntry | null;
  /** True when the action had already been decided this way: nothing was written this time. */
  readonly repeated: boolean;
}

/**
 * Approves a proposed action and writes its outbox row, in one transaction, exactly once: approving
 * again (a double click, a retry) returns the same action and outbox row with `repeated: true`.
 * `expectedVersion` (the case version the approver saw) makes it refuse with CaseConflictError when
 * the case changed meanwhile; without it (approving from a list) the case version still moves on.
 * Audit payload `{ actionId, outboxId }`. Throws ActionNotFoundError, ActionStateError (it was skipped,
 * or it names an invoice with an open dispute).
 */
export function approveAction(db: WorkbenchDb, actionId: bigint, actor: Actor, expectedVersion?: number): Promise<ActionDecision> {
  return decide(db, actionId, actor, expectedVersion, 'approved');
}

/** Skips a proposed action (no outbox row); repeated skips are no-ops. Audit payload `{ actionId }`. */
export function skipAction(db: WorkbenchDb, actionId: bigint, actor: Actor, expectedVersion?: number): Promise<ActionDecision> {
  return decide(db, actionId, actor, expectedVersion, 'skipped');
}

async function decide(db: WorkbenchDb, actionId: bigint, actor: Actor, expectedVersion: number | undefined, decision: 'approved' | 'skipped'): Promise<ActionDecision> {
  requireActor(actor);
  return db.transaction().execute(async (trx) => {
    // The row lock serialises two approvals of the same action: the second sees the first's decision.
    const action = await trx.selectFrom('collection_actions').selectAll().where('id', '=', actionId).forUpdate().executeTakeFirst();
    if (!action) throw new ActionNotFoundError(`There is no collection action ${actionId}`);
    if (action.status !== 'proposed') {
      const same = decision === 'approved' ? action.status === 'approved' || action.status === 'published' : action.status === 'skipped';
      if (!same) {
        throw new ActionStateError(`Action ${actionId} was already ${action.status} by ${action.decided_by} at ${action.decided_at?.toISOString()}; it cannot be ${decision} now`);
      }
      const c = await trx.selectFrom('cases').selectAll().where('id', '=', action.case_id).executeTakeFirstOrThrow();
      const outbox = decision === 'approved' ? (await trx.selectFrom('outbox').selectAll().where('action_id', '=', actionId).executeTakeFirst()) ?? null : null;
      return { action, case: c, outbox, repeated: true };
    }
    if (decision === 'approved') {
      // A proposal made before its invoice was disputed must not go out while the dispute is open.
      const invoiceIds = (action.details as { invoiceIds?: string[] }).invoiceIds ?? (action.invoice_id ? [action.invoice_id] : []);
      const disputed = invoiceIds.length
        ? await trx.selectFrom('invoice_disputes').select('invoice_id').where('resolved_at', 'is', null).where('invoice_id', 'in', invoiceIds).orderBy('invoice_id').execute()
        : [];
      if (disputed.length > 0) {
        throw new ActionStateError(`Action ${actionId} names invoice ${disputed.map((d) => d.invoice_id).join(', ')}, which is disputed: skip it, or resolve the dispute first`);
      }
    }
    const { case: c, value } = await changeCaseIn<{ action: CollectionAction; outbox: OutboxEntry | null }>(trx, action.case_id, { actor, expectedVersion }, {
      kind: decision === 'approved' ? 'action_approved' : 'action_skipped',
      write: async (t, updatedCase) => {
        const decided = await t
          .updateTable('collection_actions')
          .set({ status: decision, decided_by: actor, decided_at: sql<Date>`now()` })
          .where('id', '=', actionId)
          .returningAll()
          .executeTakeFirstOrThrow();
        if (decision === 'skipped') return { value: { action: decided, outbox: null }, payload: { actionId } };
        const payload = {
          actionId: decided.id, caseId: decided.case_id, customerId: updatedCase.customer_id, invoiceId: decided.invoice_id,
          step: decided.step, kind: decided.kind, amountMinor: decided.amount_minor, currency: decided.currency,
          idempotencyKey: decided.idempotency_key, approvedBy: actor, approvedAt: decided.decided_at, details: decided.details,
          policyVersion: decided.policy_version,
        };
        await t.insertInto('outbox').values({ action_id: decided.id, payload: toJson(payload) }).onConflict((oc) => oc.column('action_id').doNothing()).execute();
        const outbox = await t.selectFrom('outbox').selectAll().where('action_id', '=', decided.id).executeTakeFirstOrThrow();
        return { value: { action: decided, outbox }, payload: { actionId, outboxId: outbox.id } };
      },
    });
    return { action: value.action, case: c, outbox: value.outbox, repeated: false };
  });
}
