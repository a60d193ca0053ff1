import type { WorkbenchDb } from '../workbench/database.ts';
import { permissionsOf } from '../../access/permissions.ts';
import type { Principal } from './principal.ts';
import { newSecret, sha256 } from './tokens.ts';

export const SESSION_COOKIE = 'ledgerlens_session';
/** Idle timeout: a session not used for this long ends. */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
/** Don't write last_seen on every request; once a minute is precise enough for the idle timeout. */
const TOUCH_EVERY_MS = 60_000;

export async function createSession(db: WorkbenchDb, staffId: bigint, meta: { ip?: string | null; userAgent?: string | null }): Promise<{ token: string; expiresAt: Date }> {
  const { token, hash } = newSecret('s_');
  const expiresAt = new Date(Date.now() + SESSION_IDLE_MS);
  await db
    .insertInto('sessions')
    .values({ id: hash, staff_id: staffId, expires_at: expiresAt, ip: meta.ip ?? null, user_agent: meta.userAgent?.slice(0, 300) ?? null })
    .execute();
  return { token, expiresAt };
}

/** The signed-in user behind a session token, or null (unknown, expired, or the user deactivated). */
export async function principalOfSession(db: WorkbenchDb, token: string | undefined): Promise<Principal | null> {
  if (!token || token.length > 200) return null;
  const id = sha256(token);
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('staff as u', 'u.id', 's.staff_id')
    .select(['s.id as sessionId', 's.expires_at', 's.last_seen_at', 'u.id', 'u.email', 'u.name', 'u.access_role', 'u.own_cases_only', 'u.locale', 'u.demo', 'u.active', 'u.must_change_password'])
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!row || !row.active || row.expires_at.getTime() <= Date.now()) return null;
  if (Date.now() - row.last_seen_at.getTime() > TOUCH_EVERY_MS) {
    await db.updateTable('sessions').set({ last_seen_at: new Date(), expires_at: new Date(Date.now() + SESSION_IDLE_MS) }).where('id', '=', id).execute();
  }
  return {
    kind: 'user',
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.access_role,
    permissions: permissionsOf(row.access_role),
    ownCasesOnly: row.own_cases_only,
    locale: row.locale,
    demo: row.demo,
    mustChangePassword: row.must_change_password,
    sessionId: row.sessionId,
  };
}

export async function endSession(db: WorkbenchDb, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Signs a user out everywhere (deactivation, password change). */
export async function endSessionsOf(db: WorkbenchDb, staffId: bigint, except?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('staff_id', '=', staffId);
  if (except) q = q.where('id', '<>', except);
  await q.execute();
}
