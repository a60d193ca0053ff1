import type { WorkbenchDb } from '../workbench/database.ts';
import { audit } from './audit.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { RateLimiter } from './rate-limit.ts';
import { createSession } from './sessions.ts';

/** After this many wrong passwords in a row the account is locked for LOCK_MS. */
export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_MS = 15 * 60 * 1000;
/** Per client address: at most 20 sign-in attempts a minute. */
const perAddress = new RateLimiter(20, 60_000);

export type SignInResult =
  | { readonly ok: true; readonly token: string; readonly expiresAt: Date; readonly staffId: bigint; readonly mustChangePassword: boolean }
  | { readonly ok: false; readonly reason: 'invalid' | 'locked' | 'rate_limited'; readonly message: string; readonly retryAfterMs?: number };

const INVALID = { ok: false, reason: 'invalid', message: 'Wrong e-mail or password' } as const;

// Verifying against a dummy hash when the user is unknown keeps the answer time the same.
let dummyHash: Promise<string> | null = null;

export async function signInWithPassword(db: WorkbenchDb, input: { email: string; password: string; ip: string | null; userAgent: string | null }): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase().slice(0, 320);
  const wait = perAddress.take(input.ip ?? 'unknown');
  if (wait > 0) {
    await audit(db, { kind: 'sign_in', outcome: 'denied', actor: email || 'anonymous', ip: input.ip, details: { reason: 'rate_limited' } });
    return { ok: false, reason: 'rate_limited', message: `Too many sign-in attempts from this address; try again in ${Math.ceil(wait / 1000)} s`, retryAfterMs: wait };
  }
  const user = await db.selectFrom('staff').selectAll().where('email', '=', email).executeTakeFirst();
  if (!user || !user.active || !user.password_hash) {
    await verifyPassword(await (dummyHash ??= hashPassword('not a real password')), input.password);
    await audit(db, { kind: 'sign_in', outcome: 'failed', actor: email || 'anonymous', ip: input.ip, details: { reason: !user ? 'unknown_user' : !user.active ? 'deactivated' : 'no_password' } });
    return INVALID;
  }
  if (user.locked_until && user.locked_until.getTime() > Date.now()) {
    await audit(db, { kind: 'sign_in', outcome: 'denied', actor: email, ip: input.ip, details: { reason: 'locked' } });
    const minutes = Math.ceil((user.locked_until.getTime() - Date.now()) / 60_000);
    return { ok: false, reason: 'locked', message: `This account is locked after ${MAX_FAILED_SIGN_INS} wrong passwords; try again in ${minutes} min or ask an admin` };
  }
  if (!(await verifyPassword(user.password_hash, input.password))) {
    const failed = user.failed_sign_ins + 1;
    const lock = failed >= MAX_FAILED_SIGN_INS;
    await db
      .updateTable('staff')
      .set({ failed_sign_ins: lock ? 0 : failed, locked_until: lock ? new Date(Date.now() + LOCK_MS) : user.locked_until })
      .where('id', '=', user.id)
      .execute();
    await audit(db, { kind: lock ? 'sign_in_locked' : 'sign_in', outcome: 'failed', actor: email, ip: input.ip, details: { reason: 'wrong_password', failedInARow: failed } });
    return lock ? { ok: false, reason: 'locked', message: `Wrong password ${MAX_FAILED_SIGN_INS} times: the account is locked for ${LOCK_MS / 60_000} min` } : INVALID;
  }
  await db.updateTable('staff').set({ failed_sign_ins: 0, locked_until: null, last_sign_in_at: new Date() }).where('id', '=', user.id).execute();
  const session = await createSession(db, user.id, input);
  await audit(db, { kind: 'sign_in', actor: email, ip: input.ip, details: { role: user.access_role } });
  return { ok: true, ...session, staffId: user.id, mustChangePassword: user.must_change_password };
}

/** One-click sign-in as a demo user (only offered on the embedded demo; see users.ts). */
export async function signInAsDemo(db: WorkbenchDb, input: { staffId: bigint; ip: string | null; userAgent: string | null }): Promise<SignInResult> {
  const user = await db.selectFrom('staff').selectAll().where('id', '=', input.staffId).where('demo', '=', true).where('active', '=', true).executeTakeFirst();
  if (!user) return INVALID;
  await db.updateTable('staff').set({ last_sign_in_at: new Date() }).where('id', '=', user.id).execute();
  const session = await createSession(db, user.id, input);
  await audit(db, { kind: 'sign_in', actor: user.email, ip: input.ip, details: { role: user.access_role, demo: true } });
  return { ok: true, ...session, staffId: user.id, mustChangePassword: false };
}
