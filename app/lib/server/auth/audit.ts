import type { WorkbenchDb } from '../workbench/database.ts';
import type { AuditEntry, AuditOutcome, JsonObject } from '../workbench/schema.ts';
import { actorOf, type Principal } from './principal.ts';

/** What the audit log records (filterable on /admin/audit). */
export const AUDIT_KINDS = [
  'sign_in', 'sign_out', 'sign_in_locked', 'password_changed', 'access_denied',
  'user_invited', 'user_updated', 'user_deactivated', 'user_reactivated', 'invite_accepted',
  'token_created', 'token_revoked', 'token_used',
  'export', 'settings_changed', 'case_action', 'outbox_acknowledged',
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export interface AuditInput {
  readonly kind: AuditKind;
  readonly outcome?: AuditOutcome;
  /** Defaults to the principal's actor name; pass for sign-in attempts (the email tried). */
  readonly actor?: string;
  readonly principal?: Principal | null;
  readonly target?: string | null;
  readonly ip?: string | null;
  readonly details?: JsonObject;
}

/** Appends one entry. Never records secrets: pass no passwords or tokens in details. */
export async function audit(db: WorkbenchDb, input: AuditInput): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor: input.actor ?? actorOf(input.principal ?? null),
      actor_role: input.principal?.kind === 'user' ? input.principal.role : input.principal?.kind === 'token' ? 'token' : null,
      kind: input.kind,
      outcome: input.outcome ?? 'ok',
      target: input.target ?? null,
      ip: input.ip ?? null,
      details: JSON.stringify(input.details ?? {}),
    })
    .execute();
}

export interface AuditFilter {
  readonly kind?: string;
  readonly actor?: string;
  readonly outcome?: AuditOutcome;
  readonly from?: Date;
  readonly to?: Date;
  readonly before?: bigint;
  readonly limit?: number;
}

/** Newest first, keyset-paged by id (`before`). */
export async function listAudit(db: WorkbenchDb, filter: AuditFilter = {}): Promise<AuditEntry[]> {
  let q = db.selectFrom('audit_log').selectAll();
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.actor) q = q.where('actor', 'ilike', `%${filter.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (filter.outcome) q = q.where('outcome', '=', filter.outcome);
  if (filter.from) q = q.where('at', '>=', filter.from);
  if (filter.to) q = q.where('at', '<', filter.to);
  if (filter.before !== undefined) q = q.where('id', '<', filter.before);
  return q.orderBy('id', 'desc').limit(Math.min(filter.limit ?? 100, 500)).execute();
}
