/**
 * Invoice disputes raised by staff in a case: while a dispute is open the escalation policy holds
 * the invoice (no step, no late fee; exceptions.skipDisputed), and the queue can filter on it.
 * Opening and resolving are case changes (optimistic locking, one audit row each). The billing
 * contract has no dispute flag, so the workbench is where a dispute lives.
 */
import { sql } from 'kysely';
import { changeCase, type ChangeContext } from './change-case.ts';
import type { WorkbenchDb } from './database.ts';
import { CaseStateError, WorkbenchInputError } from './errors.ts';
import { pgError, UNIQUE_VIOLATION } from './pg-errors.ts';
import type { Case, InvoiceDispute } from './schema.ts';

export class DisputeNotFoundError extends Error {
  readonly code = 'DISPUTE_NOT_FOUND';
  readonly status = 404;
}

export interface DisputeInput {
  /** billing invoice id (the caller checks it is the case customer's invoice). */
  readonly invoiceId: string;
  readonly reason: string;
}

/**
 * Marks an invoice disputed. Refused with CaseStateError while it already has an open dispute.
 * Audit payload `{ disputeId, invoiceId, reason }`.
 */
export async function openDispute(db: WorkbenchDb, caseId: bigint, input: DisputeInput, ctx: ChangeContext): Promise<{ case: Case; dispute: InvoiceDispute }> {
  const reason = input.reason.trim();
  if (!input.invoiceId.trim()) throw new WorkbenchInputError('Pick the invoice the customer disputes');
  if (!reason) throw new WorkbenchInputError('A dispute needs a reason (what the customer contests)');
  try {
    const { case: c, value } = await changeCase(db, caseId, ctx, {
      kind: 'dispute_opened',
      write: async (trx) => {
        const dispute = await trx
          .insertInto('invoice_disputes')
          .values({ case_id: caseId, invoice_id: input.invoiceId, reason, opened_by: ctx.actor })
          .returningAll()
          .executeTakeFirstOrThrow();
        return { value: dispute, payload: { disputeId: dispute.id, invoiceId: dispute.invoice_id, reason } };
      },
    });
    return { case: c, dispute: value };
  } catch (err) {
    const pg = pgError(err);
    if (pg.code === UNIQUE_VIOLATION && pg.constraint === 'invoice_disputes_one_open') {
      throw new CaseStateError(`Invoice ${input.invoiceId} is already disputed; resolve that dispute before opening another`, { cause: err });
    }
    throw err;
  }
}

/**
 * Resolves an open dispute of the case's customer; escalation resumes for the invoice from the
 * next run. Audit payload `{ disputeId, invoiceId, resolution }`. Throws DisputeNotFoundError, or
 * CaseStateError when it was already resolved.
 */
export async function resolveDispute(db: WorkbenchDb, caseId: bigint, disputeId: bigint, resolution: string, ctx: ChangeContext): Promise<{ case: Case; dispute: InvoiceDispute }> {
  const text = resolution.trim();
  if (!text) throw new WorkbenchInputError('Say how the dispute was resolved');
  const existing = await customerDisputesQuery(db, caseId).where('d.id', '=', disputeId).executeTakeFirst();
  if (!existing) throw new DisputeNotFoundError(`Case ${caseId} has no dispute ${disputeId}`);
  if (existing.resolved_at !== null) {
    throw new CaseStateError(`The dispute of invoice ${existing.invoice_id} was already resolved by ${existing.resolved_by} at ${existing.resolved_at.toISOString()}`);
  }
  const { case: c, value } = await changeCase(db, caseId, ctx, {
    kind: 'dispute_resolved',
    write: async (trx) => {
      const dispute = await trx
        .updateTable('invoice_disputes')
        .set({ resolution: text, resolved_by: ctx.actor, resolved_at: sql<Date>`now()` })
        .where('id', '=', disputeId)
        .where('resolved_at', 'is', null)
        .returningAll()
        .executeTakeFirst();
      if (!dispute) throw new CaseStateError(`The dispute ${disputeId} was resolved by someone else a moment ago; reload the case`);
      return { value: dispute, payload: { disputeId, invoiceId: dispute.invoice_id, resolution: text } };
    },
  });
  return { case: c, dispute: value };
}

/** Disputes of the case's customer, across its cases (a dispute outlives a resolved case). */
function customerDisputesQuery(db: WorkbenchDb, caseId: bigint) {
  return db
    .selectFrom('invoice_disputes as d')
    .innerJoin('cases as c', 'c.id', 'd.case_id')
    .selectAll('d')
    .where('c.customer_id', '=', (eb) => eb.selectFrom('cases').select('customer_id').where('id', '=', caseId));
}

/** Every dispute of the case's customer, open ones first, then newest first. */
export function listCaseDisputes(db: WorkbenchDb, caseId: bigint): Promise<InvoiceDispute[]> {
  return customerDisputesQuery(db, caseId).orderBy(sql`d.resolved_at is null`, 'desc').orderBy('d.id', 'desc').execute();
}

/** Of these invoices, the ones with an open dispute. */
export async function openlyDisputedInvoices(db: WorkbenchDb, invoiceIds: readonly string[]): Promise<Set<string>> {
  if (invoiceIds.length === 0) return new Set();
  const rows = await db.selectFrom('invoice_disputes').select('invoice_id').where('resolved_at', 'is', null).where('invoice_id', 'in', [...invoiceIds]).execute();
  return new Set(rows.map((r) => r.invoice_id));
}

/** Customers with at least one open dispute (for the queue filter). */
export async function customersWithOpenDisputes(db: WorkbenchDb): Promise<string[]> {
  const rows = await db
    .selectFrom('invoice_disputes as d')
    .innerJoin('cases as c', 'c.id', 'd.case_id')
    .select('c.customer_id')
    .distinct()
    .where('d.resolved_at', 'is', null)
    .execute();
  return rows.map((r) => r.customer_id);
}
