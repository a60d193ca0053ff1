import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, principalOfApiToken, revokeApiToken } from '../../app/lib/server/auth/api-tokens.ts';
import { listAudit } from '../../app/lib/server/auth/audit.ts';
import { principalOfSession } from '../../app/lib/server/auth/sessions.ts';
import { MAX_FAILED_SIGN_INS, signInWithPassword } from '../../app/lib/server/auth/sign-in.ts';
import { acceptInvite, ensureDemoUsers, ensureFirstAdmin, findInvite, inviteUser, setUserActive, updateUser } from '../../app/lib/server/auth/users.ts';
import type { WorkbenchDb } from '../../app/lib/server/workbench/database.ts';
import { userOfRole } from '../support/principal.ts';
import { createTestWorkbench, type TestWorkbench } from '../support/workbench-database.ts';

const bigints = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);

/** Sign-in, lock-out, invites, sessions, tokens and the audit log on a real workbench database. */
describe('sign-in and accounts', () => {
  let tw: TestWorkbench;
  let db: WorkbenchDb;
  const admin = userOfRole('admin', { id: 999_999n, email: 'root@example.test' });
  const ip = '203.0.113.7';

  beforeAll(async () => {
    tw = await createTestWorkbench();
    db = tw.workbench.db;
  });
  afterAll(async () => {
    await tw?.drop();
  });

  const signIn = (email: string, password: string, from = ip) => signInWithPassword(db, { email, password, ip: from, userAgent: 'vitest' });

  it('creates the first admin once, with a one-time password that works and must be changed', async () => {
    const first = await ensureFirstAdmin(db, 'Admin@Example.test');
    expect(first?.email).toBe('admin@example.test');
    expect(first!.password).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(await ensureFirstAdmin(db, 'admin@example.test')).toBeNull();
    const stored = await db.selectFrom('staff').selectAll().where('email', '=', 'admin@example.test').executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);
    expect(stored.password_hash).not.toContain(first!.password);
    const result = await signIn('admin@example.test', first!.password);
    expect(result).toMatchObject({ ok: true, mustChangePassword: true });
    if (!result.ok) throw new Error('unreachable');
    const principal = await principalOfSession(db, result.token);
    expect(principal).toMatchObject({ kind: 'user', email: 'admin@example.test', role: 'admin', mustChangePassword: true });
    // Only the hash of the session token is stored.
    const sessions = await db.selectFrom('sessions').select('id').execute();
    expect(sessions.map((s) => s.id)).not.toContain(result.token);
  });

  it('invites a user who sets a password once; the link then stops working', async () => {
    const { token, user } = await inviteUser(db, { name: 'Kate Collector', email: 'kate@example.test', role: 'collections', ownCasesOnly: true }, admin);
    expect(user).toMatchObject({ access_role: 'collections', own_cases_only: true, password_hash: null });
    expect((await findInvite(db, token))?.email).toBe('kate@example.test');
    expect(await signIn('kate@example.test', 'anything at all')).toMatchObject({ ok: false, reason: 'invalid' });
    await expect(acceptInvite(db, token, 'short', ip)).rejects.toThrow(/at least 12 characters/);
    await acceptInvite(db, token, 'correct horse battery', ip);
    await expect(acceptInvite(db, token, 'another good password', ip)).rejects.toThrow(/not valid any more/);
    expect(await findInvite(db, token)).toBeNull();
    expect(await signIn('KATE@example.test ', 'correct horse battery')).toMatchObject({ ok: true });
    await expect(inviteUser(db, { name: 'Kate again', email: 'kate@example.test', role: 'analyst' }, admin)).rejects.toThrow(/already a user/);
    await expect(inviteUser(db, { name: 'X', email: 'x@example.test', role: 'superuser' }, admin)).rejects.toThrow(/Unknown role/);
  });

  it(`locks an account after ${MAX_FAILED_SIGN_INS} wrong passwords, even against the right one`, async () => {
    for (let i = 1; i < MAX_FAILED_SIGN_INS; i++) expect(await signIn('kate@example.test', `wrong ${i}`, '198.51.100.1')).toMatchObject({ ok: false, reason: 'invalid' });
    expect(await signIn('kate@example.test', 'wrong again', '198.51.100.1')).toMatchObject({ ok: false, reason: 'locked' });
    expect(await signIn('kate@example.test', 'correct horse battery', '198.51.100.1')).toMatchObject({ ok: false, reason: 'locked' });
    const failed = (await listAudit(db, { actor: 'kate@example.test', outcome: 'failed' })).filter((e) => e.details.reason === 'wrong_password');
    expect(failed.length).toBe(MAX_FAILED_SIGN_INS);
    expect(failed[0]!.kind).toBe('sign_in_locked');
    // No password ever reaches the audit log.
    expect(JSON.stringify(await listAudit(db, { limit: 500 }), bigints)).not.toMatch(/correct horse|wrong again/);
  });

  it('slows down one address trying many accounts', async () => {
    const results = [];
    for (let i = 0; i < 22; i++) results.push(await signIn(`nobody${i}@example.test`, 'guess', '192.0.2.99'));
    expect(results.slice(0, 20).every((r) => !r.ok && r.reason === 'invalid')).toBe(true);
    expect(results[21]).toMatchObject({ ok: false, reason: 'rate_limited' });
    // Another address is not affected.
    expect(await signIn('nobody@example.test', 'guess', '192.0.2.100')).toMatchObject({ ok: false, reason: 'invalid' });
  });

  it('deactivating a user ends their sessions; the last admin cannot be demoted', async () => {
    await inviteUser(db, { name: 'Dan Analyst', email: 'dan@example.test', role: 'analyst' }, admin).then(({ token }) => acceptInvite(db, token, 'dan has a long password', ip));
    const signedIn = await signIn('dan@example.test', 'dan has a long password');
    if (!signedIn.ok) throw new Error(signedIn.message);
    expect(await principalOfSession(db, signedIn.token)).toMatchObject({ role: 'analyst' });
    await setUserActive(db, signedIn.staffId, false, admin);
    expect(await principalOfSession(db, signedIn.token)).toBeNull();
    expect(await signIn('dan@example.test', 'dan has a long password')).toMatchObject({ ok: false, reason: 'invalid' });
    const onlyAdmin = await db.selectFrom('staff').select('id').where('email', '=', 'admin@example.test').executeTakeFirstOrThrow();
    await expect(updateUser(db, onlyAdmin.id, { role: 'finance', ownCasesOnly: false }, admin)).rejects.toThrow(/last active admin/);
    // Demo users are not admins who count (they cannot sign in with a password).
    await ensureDemoUsers(db);
    await expect(setUserActive(db, onlyAdmin.id, false, admin)).rejects.toThrow(/last active admin/);
  });

  it('API tokens: scoped, stored hashed, shown once, revocable; their use is audited', async () => {
    const { token, row } = await createApiToken(db, { name: 'erp', scopes: ['receivables:read', 'outbox:acknowledge'] }, admin);
    expect(token.startsWith('llt_')).toBe(true);
    expect(JSON.stringify(await db.selectFrom('api_tokens').selectAll().execute(), bigints)).not.toContain(token);
    const principal = await principalOfApiToken(db, token, { route: 'GET /receivables/aging', ip });
    expect(principal?.kind).toBe('token');
    expect([...principal!.permissions].sort()).toEqual(['outbox:acknowledge', 'receivables:read']);
    expect(await principalOfApiToken(db, `${token}x`, { route: 'GET /receivables/aging', ip })).toBeNull();
    await expect(createApiToken(db, { name: 'bad', scopes: ['everything'] }, admin)).rejects.toThrow(/Unknown scope/);
    await revokeApiToken(db, row.id, admin);
    expect(await principalOfApiToken(db, token, { route: 'GET /receivables/aging', ip })).toBeNull();
    const kinds = (await listAudit(db, { actor: 'erp' })).map((e) => e.kind);
    expect(kinds).toContain('token_used');
    expect((await listAudit(db, { kind: 'token_revoked' }))[0]?.target).toBe('erp');
  });

  it('keeps the audit log append-only', async () => {
    await expect(sql`update workbench.audit_log set actor = 'someone else'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from workbench.audit_log`.execute(db)).rejects.toThrow(/append-only/);
    expect((await listAudit(db, { kind: 'sign_in', outcome: 'ok' })).length).toBeGreaterThan(2);
  });
});
