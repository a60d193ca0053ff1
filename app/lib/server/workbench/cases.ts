import { sql } from 'kysely';
import { appendCaseEvent, changeCase, requireActor, type Actor, type ChangeContext } from './change-case.ts';
import type { WorkbenchDb } from './database.ts';
import { CaseConflictError, CaseNotFoundError, CaseStateError, WorkbenchInputError } from './errors.ts';
import { FOREIGN_KEY_VIOLATION, pgError, UNIQUE_VIOLATION } from './pg-errors.ts';
import type { Case, CaseEvent, CaseNote, CaseStatus, CollectionAction, ContactLogEntry, JsonObject, PromiseToPay } from './schema.ts';

/** A customer with overdue debt, as the receivables figures see it; `details` goes into the 'opened' audit row. */
export interface OverdueCustomer {
  readonly customerId: string;
  /** e.g. `{ overdueMinor: '125000', currency: 'RUB', oldestDueAt: '2026-01-31' }` (bigints as strings). */
  readonly details?: JsonObject;
}

export interface EnsureCasesResult {
  /** Cases opened by this call (one 'opened' event each). */
  readonly opened: readonly Case[];
  /** Customers that already had an open case: that case, unchanged. */
  readonly existing: readonly Case[];
}

/**
 * Makes sure each customer has an open case; idempotent (a second call opens nothing), also when
 * two processes call it at once (the partial unique index on open cases decides).
 * A customer whose earlier case was resolved gets a new case, not the old one reopened.
 */
export async function ensureCases(db: WorkbenchDb, customers: readonly OverdueCustomer[], ctx: { readonly actor: Actor }): Promise<EnsureCasesResult> {
  requireActor(ctx.actor);
  const byId = new Map<string, OverdueCustomer>();
  for (const c of customers) {
    if (!c.customerId) throw new WorkbenchInputError('An overdue customer without a customer id');
    const earlier = byId.get(c.customerId);
    byId.set(c.customerId, earlier ? { customerId: c.customerId, details: { ...earlier.details, ...c.details } } : c);
  }
  if (byId.size === 0) return { opened: [], existing: [] };
  return db.transaction().execute(async (trx) => {
    const opened = await trx
      .insertInto('cases')
      .values([...byId.keys()].map((customerId) => ({ customer_id: customerId, updated_by: ctx.actor })))
      .onConflict((oc) => oc.column('customer_id').where('status', '=', 'open').doNothing())
      .returningAll()
      .execute();
    for (const c of opened) await appendCaseEvent(trx, c.id, ctx.actor, 'opened', { customerId: c.customer_id, ...byId.get(c.customer_id)?.details });
    const openedIds = new Set(opened.map((c) => c.customer_id));
    const rest = [...byId.keys()].filter((id) => !openedIds.has(id));
    const existing = rest.length === 0 ? [] : await trx.selectFrom('cases').selectAll().where('status', '=', 'open').where('customer_id', 'in', rest).orderBy('id').execute();
    return { opened, existing };
  });
}

/** Assigns the case to a staff member (null: unassigned). Audit payload `{ from, to }` (staff ids as strings). */
export async function assignCase(db: WorkbenchDb, caseId: bigint, staffId: bigint | null, ctx: ChangeContext): Promise<Case> {
  try {
    const before = await db.selectFrom('cases').select('assigned_to').where('id', '=', caseId).executeTakeFirst();
    const result = await changeCase(db, caseId, ctx, {
      kind: 'assigned',
      set: { assigned_to: staffId },
      payload: { from: before?.assigned_to ?? null, to: staffId },
    });
    return result.case;
  } catch (err) {
    if (pgError(err).code === FOREIGN_KEY_VIOLATION) throw new WorkbenchInputError(`There is no staff member ${staffId}`, { cause: err });
    throw err;
  }
}

export interface BulkItem {
  readonly caseId: bigint;
  /** The version the collector saw in the queue. */
  readonly expectedVersion: number;
}

export interface BulkResult {
  /** Cases changed, as they are now. */
  readonly changed: readonly Case[];
  /** Cases someone else changed since the queue was read; not touched. The UI reloads them. */
  readonly conflicts: readonly CaseConflictError[];
}

/**
 * Assigns many cases at once. Each case is its own transaction: a case another collector changed
 * meanwhile is reported in `conflicts` and the others still go through (a bulk action is a
 * convenience, not a unit). Other errors (unknown staff, unknown case) stop the batch.
 */
export async function bulkAssign(db: WorkbenchDb, items: readonly BulkItem[], staffId: bigint | null, ctx: { readonly actor: Actor }): Promise<BulkResult> {
  const changed: Case[] = [];
  const conflicts: CaseConflictError[] = [];
  for (const item of items) {
    try {
      changed.push(await assignCase(db, item.caseId, staffId, { actor: ctx.actor, expectedVersion: item.expectedVersion }));
    } catch (err) {
      if (err instanceof CaseConflictError) conflicts.push(err);
      else throw err;
    }
  }
  return { changed, conflicts };
}

/** Resolves an open case. Audit payload `{ reason }`. */
export async function resolveCase(db: WorkbenchDb, caseId: bigint, reason: string, ctx: ChangeContext): Promise<Case> {
  const { case: c } = await changeCase(db, caseId, ctx, {
    kind: 'resolved',
    requireStatus: 'open',
    set: { status: 'resolved', resolved_at: sql<Date>`now()` },
    payload: { reason },
  });
  return c;
}

/** Reopens a resolved case; refused (CaseStateError) while the customer has another open case. Audit payload `{ reason }`. */
export async function reopenCase(db: WorkbenchDb, caseId: bigint, reason: string, ctx: ChangeContext): Promise<Case> {
  try {
    const { case: c } = await changeCase(db, caseId, ctx, {
      kind: 'reopened',
      requireStatus: 'resolved',
      set: { status: 'open', resolved_at: null },
      payload: { reason },
    });
    return c;
  } catch (err) {
    const pg = pgError(err);
    if (pg.code === UNIQUE_VIOLATION && pg.constraint === 'cases_one_open_per_customer') {
      throw new CaseStateError(`Case ${caseId} cannot be reopened: its customer already has another open case`, { cause: err });
    }
    throw err;
  }
}

export interface CaseQueueFilter {
  /** Default 'open'. */
  readonly status?: CaseStatus;
  /** A staff id, or null for unassigned cases; undefined for all. */
  readonly assignedTo?: bigint | null;
  readonly customerIds?: readonly string[];
  /** Default 500. */
  readonly limit?: number;
}

/** The collections queue (oldest case first). Amounts owed come from the warehouse, joined by customer_id. */
export async function listCases(db: WorkbenchDb, filter: CaseQueueFilter = {}): Promise<Case[]> {
  let query = db.selectFrom('cases').selectAll().where('status', '=', filter.status ?? 'open');
  if (filter.assignedTo === null) query = query.where('assigned_to', 'is', null);
  else if (filter.assignedTo !== undefined) query = query.where('assigned_to', '=', filter.assignedTo);
  if (filter.customerIds) {
    if (filter.customerIds.length === 0) return [];
    query = query.where('customer_id', 'in', [...filter.customerIds]);
  }
  return query.orderBy('opened_at').orderBy('id').limit(filter.limit ?? 500).execute();
}

/** Everything the case page shows from the workbench; invoices and payments come from the warehouse. */
export interface CaseDetail {
  readonly case: Case;
  readonly notes: readonly CaseNote[];
  readonly contacts: readonly ContactLogEntry[];
  readonly promises: readonly PromiseToPay[];
  readonly actions: readonly CollectionAction[];
  /** The full audit trail, oldest first. */
  readonly history: readonly CaseEvent[];
}

export async function getCase(db: WorkbenchDb, caseId: bigint): Promise<CaseDetail> {
  // One snapshot for all six reads, so the page never shows a note without its event.
  return db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    const c = await trx.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst();
    if (!c) throw new CaseNotFoundError(caseId);
    const [notes, contacts, promises, actions, history] = [
      await trx.selectFrom('case_notes').selectAll().where('case_id', '=', caseId).orderBy('id').execute(),
      await trx.selectFrom('contact_log').selectAll().where('case_id', '=', caseId).orderBy('contacted_at').orderBy('id').execute(),
      await trx.selectFrom('promises_to_pay').selectAll().where('case_id', '=', caseId).orderBy('promised_date').orderBy('id').execute(),
      await trx.selectFrom('collection_actions').selectAll().where('case_id', '=', caseId).orderBy('id').execute(),
      await trx.selectFrom('case_events').selectAll().where('case_id', '=', caseId).orderBy('id').execute(),
    ];
    return { case: c, notes, contacts, promises, actions, history };
  });
}
