import { sql, type RawBuilder, type Transaction, type Updateable } from 'kysely';
import type { WorkbenchDb } from './database.ts';
import { CaseConflictError, CaseNotFoundError, CaseStateError, WorkbenchInputError } from './errors.ts';
import type { Case, CaseEventKind, CasesTable, CaseStatus, WorkbenchDatabase } from './schema.ts';

/** An audit payload as written: bigint and Date values become strings in the jsonb. */
export type EventPayload = Readonly<Record<string, unknown>>;

/**
 * Who acts: the acting person's stable label (their staff email until sign-in lands), or a system
 * label such as `system:promise-evaluator`. Stored as text in case_events.actor and cases.updated_by.
 */
export type Actor = string;

/** Every collector's change to a case carries who makes it and the case version they last saw. */
export interface ChangeContext {
  readonly actor: Actor;
  /** cases.version as read by the caller; the change is refused with CaseConflictError if it moved on. */
  readonly expectedVersion: number;
}

export type WorkbenchTransaction = Transaction<WorkbenchDatabase>;

/** Case columns to set: values, or SQL such as sql`now()`. */
export type CaseSet = { readonly [K in keyof Updateable<CasesTable>]?: Updateable<CasesTable>[K] | RawBuilder<NonNullable<Updateable<CasesTable>[K]>> };

export interface CaseChange<T> {
  readonly kind: CaseEventKind;
  /** Case columns to change, besides version/updated_at/updated_by which every change sets. */
  readonly set?: CaseSet;
  /** The change applies only to a case in this status (else CaseStateError). */
  readonly requireStatus?: CaseStatus;
  /** Writes the change's own rows in the same transaction, after the case row is locked and bumped. */
  readonly write?: (trx: WorkbenchTransaction, updated: Case) => Promise<{ readonly value: T; readonly payload?: EventPayload }>;
  readonly payload?: EventPayload;
}

export interface CaseChangeResult<T> {
  /** The case after the change (version already bumped): the version to send with the next change. */
  readonly case: Case;
  readonly value: T;
}

/** Runs `change` in its own transaction; see changeCaseIn. */
export function changeCase<T = undefined>(db: WorkbenchDb, caseId: bigint, ctx: { readonly actor: Actor; readonly expectedVersion?: number }, change: CaseChange<T>): Promise<CaseChangeResult<T>> {
  return db.transaction().execute((trx) => changeCaseIn(trx, caseId, ctx, change));
}

/**
 * The one way a case changes: `UPDATE … SET version = version + 1 … WHERE id = $1 AND version = $expected`
 * (optimistic locking in the statement itself, so two collectors can never both win), then the
 * change's own rows, then one case_events row, all in `trx`. `expectedVersion` undefined skips the
 * version check (approvals from a list, where the caller did not read the case) but still bumps it.
 * Throws CaseNotFoundError, CaseConflictError (someone else changed it; nothing written) or CaseStateError.
 */
export async function changeCaseIn<T>(
  trx: WorkbenchTransaction,
  caseId: bigint,
  ctx: { readonly actor: Actor; readonly expectedVersion?: number },
  change: CaseChange<T>,
): Promise<CaseChangeResult<T>> {
  requireActor(ctx.actor);
  let update = trx
    .updateTable('cases')
    .set({ ...change.set, version: sql<number>`version + 1`, updated_at: sql<Date>`now()`, updated_by: ctx.actor })
    .where('id', '=', caseId);
  if (ctx.expectedVersion !== undefined) update = update.where('version', '=', ctx.expectedVersion);
  if (change.requireStatus) update = update.where('status', '=', change.requireStatus);
  const updated = await update.returningAll().executeTakeFirst();
  if (!updated) throw await explainRefusal(trx, caseId, ctx.expectedVersion, change);
  const written = change.write ? await change.write(trx, updated) : { value: undefined as T, payload: undefined };
  await appendCaseEvent(trx, caseId, ctx.actor, change.kind, { ...change.payload, ...written.payload });
  return { case: updated, value: written.value };
}

async function explainRefusal(trx: WorkbenchTransaction, caseId: bigint, expectedVersion: number | undefined, change: CaseChange<unknown>): Promise<Error> {
  const current = await trx.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst();
  if (!current) return new CaseNotFoundError(caseId);
  if (expectedVersion !== undefined && current.version !== expectedVersion) {
    // The event written with the latest change has the same actor and the same now() as the case row.
    const last = await trx
      .selectFrom('case_events')
      .select('kind')
      .where('case_id', '=', caseId)
      .where('actor', '=', current.updated_by)
      // Compared in SQL: the JS Date has lost the microseconds.
      .where('at', '=', (eb) => eb.selectFrom('cases').select('updated_at').where('id', '=', caseId))
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return new CaseConflictError(caseId, expectedVersion, current.version, current.updated_by, current.updated_at, last?.kind ?? null);
  }
  return new CaseStateError(`Case ${caseId} is ${current.status}; ${change.kind.replaceAll('_', ' ')} needs a case that is ${change.requireStatus}`);
}

/** Appends one audit row. Payload bigints are written as decimal strings (JSON has no bigint). */
export async function appendCaseEvent(trx: WorkbenchTransaction | WorkbenchDb, caseId: bigint, actor: Actor, kind: CaseEventKind, payload: EventPayload): Promise<void> {
  await trx.insertInto('case_events').values({ case_id: caseId, actor, kind, payload: toJson(payload) }).execute();
}

/** JSON text for a jsonb column; bigint → decimal string, Date → ISO string. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

export function requireActor(actor: Actor): void {
  if (typeof actor !== 'string' || actor.trim() === '') throw new WorkbenchInputError('Every change needs an actor (who makes it)');
}
