import { isRole, type Role } from '../../access/permissions.ts';
import { WorkbenchInputError } from '../workbench/errors.ts';
import type { WorkbenchDb } from '../workbench/database.ts';
import { pgError, UNIQUE_VIOLATION } from '../workbench/pg-errors.ts';
import type { Staff } from '../workbench/schema.ts';
import { audit } from './audit.ts';
import { hashPassword, oneTimePassword, passwordProblem, verifyPassword } from './passwords.ts';
import type { Principal } from './principal.ts';
import { endSessionsOf } from './sessions.ts';
import { newSecret, sha256 } from './tokens.ts';

export const INVITE_VALID_MS = 72 * 60 * 60 * 1000;

/**
 * On first start (no admin who can sign in): creates the first admin with a one-time password that
 * must be changed at first sign-in. Returns the credentials for the caller to print once, else null.
 */
export async function ensureFirstAdmin(db: WorkbenchDb, email = 'admin@ledgerlens.local'): Promise<{ email: string; password: string } | null> {
  const admin = await db.selectFrom('staff').select('id').where('access_role', '=', 'admin').where('active', '=', true).where('demo', '=', false).executeTakeFirst();
  if (admin) return null;
  const password = oneTimePassword();
  const values = { name: 'Administrator', email: email.toLowerCase(), role: 'admin' as const, access_role: 'admin' as const, password_hash: await hashPassword(password), must_change_password: true };
  await db.insertInto('staff').values(values).onConflict((oc) => oc.column('email').doUpdateSet({ access_role: 'admin', active: true, demo: false, password_hash: values.password_hash, must_change_password: true })).execute();
  return { email: values.email, password };
}

/** The demo users the embedded demo offers as one-click sign-ins, one per role (marked demo). */
export const DEMO_USERS: ReadonlyArray<{ name: string; email: string; role: 'collector' | 'supervisor'; access_role: Role; own_cases_only?: boolean }> = [
  { name: 'Fiona Grant (finance)', email: 'finance@ledgerlens.demo', role: 'supervisor', access_role: 'finance' },
  { name: 'Anna Petrova', email: 'anna.petrova@ledgerlens.demo', role: 'collector', access_role: 'collections' },
  { name: 'Ben Carter', email: 'ben.carter@ledgerlens.demo', role: 'supervisor', access_role: 'collections' },
  { name: 'Oleg Ivanov (analyst)', email: 'analyst@ledgerlens.demo', role: 'supervisor', access_role: 'analyst' },
  { name: 'Demo admin', email: 'admin@ledgerlens.demo', role: 'supervisor', access_role: 'admin' },
];

export async function ensureDemoUsers(db: WorkbenchDb): Promise<void> {
  for (const u of DEMO_USERS) {
    await db
      .insertInto('staff')
      .values({ ...u, demo: true })
      .onConflict((oc) => oc.column('email').doUpdateSet({ demo: true, access_role: u.access_role }))
      .execute();
  }
}

export function listDemoUsers(db: WorkbenchDb): Promise<Staff[]> {
  return db.selectFrom('staff').selectAll().where('demo', '=', true).where('active', '=', true).orderBy('id').execute();
}

export function listUsers(db: WorkbenchDb): Promise<Staff[]> {
  return db.selectFrom('staff').selectAll().orderBy('active', 'desc').orderBy('name').orderBy('id').execute();
}

export interface InviteInput {
  readonly name: string;
  readonly email: string;
  readonly role: string;
  readonly ownCasesOnly?: boolean;
}

/** Creates the user (no password yet) and a one-time invite; the token is returned once, only its hash is kept. */
export async function inviteUser(db: WorkbenchDb, input: InviteInput, by: Principal): Promise<{ user: Staff; token: string; expiresAt: Date }> {
  const email = input.email.trim().toLowerCase();
  const name = input.name.trim();
  if (!name || name.length > 200) throw new WorkbenchInputError('A user needs a name (at most 200 characters)');
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 320) throw new WorkbenchInputError(`"${input.email}" is not an e-mail address`);
  if (!isRole(input.role)) throw new WorkbenchInputError(`Unknown role "${input.role}"`);
  let user: Staff;
  try {
    user = await db
      .insertInto('staff')
      .values({ name, email, role: 'collector', access_role: input.role, own_cases_only: input.ownCasesOnly ?? false })
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (err) {
    if (pgError(err).code === UNIQUE_VIOLATION) throw new WorkbenchInputError(`There is already a user with e-mail ${email}`, { cause: err });
    throw err;
  }
  const invite = await createInvite(db, user.id, by);
  await audit(db, { kind: 'user_invited', principal: by, target: email, details: { role: input.role, ownCasesOnly: input.ownCasesOnly ?? false } });
  return { user, ...invite };
}

async function createInvite(db: WorkbenchDb, staffId: bigint, by: Principal): Promise<{ token: string; expiresAt: Date }> {
  const { token, hash } = newSecret('i_');
  const expiresAt = new Date(Date.now() + INVITE_VALID_MS);
  await db.insertInto('invites').values({ token_hash: hash, staff_id: staffId, created_by: by.kind === 'user' ? by.email : by.name, expires_at: expiresAt }).execute();
  return { token, expiresAt };
}

/** A fresh invite link for a user (e.g. one who lost theirs, or to reset a password). */
export async function reinviteUser(db: WorkbenchDb, staffId: bigint, by: Principal): Promise<{ user: Staff; token: string; expiresAt: Date }> {
  const user = await db.selectFrom('staff').selectAll().where('id', '=', staffId).where('demo', '=', false).executeTakeFirst();
  if (!user) throw new WorkbenchInputError('No such user');
  const invite = await createInvite(db, user.id, by);
  await audit(db, { kind: 'user_invited', principal: by, target: user.email, details: { again: true } });
  return { user, ...invite };
}

export async function findInvite(db: WorkbenchDb, token: string): Promise<Staff | null> {
  const row = await db
    .selectFrom('invites as i')
    .innerJoin('staff as u', 'u.id', 'i.staff_id')
    .selectAll('u')
    .where('i.token_hash', '=', sha256(token))
    .where('i.used_at', 'is', null)
    .where('i.expires_at', '>', new Date())
    .where('u.active', '=', true)
    .executeTakeFirst();
  return row ?? null;
}

/** Sets the invited user's password; the invite works once. */
export async function acceptInvite(db: WorkbenchDb, token: string, password: string, ip: string | null): Promise<Staff> {
  const problem = passwordProblem(password);
  if (problem) throw new WorkbenchInputError(problem);
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (tx) => {
    const used = await tx
      .updateTable('invites')
      .set({ used_at: new Date() })
      .where('token_hash', '=', sha256(token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', new Date())
      .returning('staff_id')
      .executeTakeFirst();
    if (!used) throw new WorkbenchInputError('This invite link is not valid any more (used or expired); ask an admin for a new one');
    const user = await tx
      .updateTable('staff')
      .set({ password_hash: passwordHash, must_change_password: false, failed_sign_ins: 0, locked_until: null })
      .where('id', '=', used.staff_id)
      .where('active', '=', true)
      .returningAll()
      .executeTakeFirst();
    if (!user) throw new WorkbenchInputError('This user was deactivated');
    await endSessionsOf(tx, user.id);
    await audit(tx, { kind: 'invite_accepted', actor: user.email, target: user.email, ip });
    return user;
  });
}

export async function changePassword(db: WorkbenchDb, me: Extract<Principal, { kind: 'user' }>, current: string, next: string): Promise<void> {
  const user = await db.selectFrom('staff').selectAll().where('id', '=', me.id).executeTakeFirstOrThrow();
  if (!user.password_hash || !(await verifyPassword(user.password_hash, current))) throw new WorkbenchInputError('The current password is wrong');
  const problem = passwordProblem(next);
  if (problem) throw new WorkbenchInputError(problem);
  if (next === current) throw new WorkbenchInputError('The new password must differ from the current one');
  await db.updateTable('staff').set({ password_hash: await hashPassword(next), must_change_password: false }).where('id', '=', me.id).execute();
  await endSessionsOf(db, me.id, me.sessionId);
  await audit(db, { kind: 'password_changed', principal: me, target: me.email });
}

export async function setLocale(db: WorkbenchDb, me: Extract<Principal, { kind: 'user' }>, locale: 'en' | 'ru'): Promise<void> {
  await db.updateTable('staff').set({ locale }).where('id', '=', me.id).execute();
}

async function otherActiveAdmins(db: WorkbenchDb, staffId: bigint): Promise<number> {
  const row = await db.selectFrom('staff').select((eb) => eb.fn.countAll<string>().as('n')).where('access_role', '=', 'admin').where('active', '=', true).where('demo', '=', false).where('id', '<>', staffId).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function updateUser(db: WorkbenchDb, staffId: bigint, input: { role: string; ownCasesOnly: boolean }, by: Principal): Promise<Staff> {
  if (!isRole(input.role)) throw new WorkbenchInputError(`Unknown role "${input.role}"`);
  const before = await db.selectFrom('staff').selectAll().where('id', '=', staffId).executeTakeFirst();
  if (!before) throw new WorkbenchInputError('No such user');
  if (before.access_role === 'admin' && input.role !== 'admin' && (await otherActiveAdmins(db, staffId)) === 0) {
    throw new WorkbenchInputError('This is the last active admin: make someone else an admin first');
  }
  const user = await db.updateTable('staff').set({ access_role: input.role, own_cases_only: input.ownCasesOnly }).where('id', '=', staffId).returningAll().executeTakeFirstOrThrow();
  await audit(db, { kind: 'user_updated', principal: by, target: user.email, details: { role: { from: before.access_role, to: user.access_role }, ownCasesOnly: { from: before.own_cases_only, to: user.own_cases_only } } });
  return user;
}

export async function setUserActive(db: WorkbenchDb, staffId: bigint, active: boolean, by: Principal): Promise<Staff> {
  if (!active && by.kind === 'user' && by.id === staffId) throw new WorkbenchInputError('You cannot deactivate yourself');
  const before = await db.selectFrom('staff').selectAll().where('id', '=', staffId).executeTakeFirst();
  if (!before) throw new WorkbenchInputError('No such user');
  if (!active && before.access_role === 'admin' && (await otherActiveAdmins(db, staffId)) === 0) throw new WorkbenchInputError('This is the last active admin');
  const user = await db.updateTable('staff').set({ active }).where('id', '=', staffId).returningAll().executeTakeFirstOrThrow();
  if (!active) await endSessionsOf(db, staffId);
  await audit(db, { kind: active ? 'user_reactivated' : 'user_deactivated', principal: by, target: user.email });
  return user;
}
