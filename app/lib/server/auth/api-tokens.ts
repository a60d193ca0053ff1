import { m } from '$lib/paraglide/messages.js';
import { isPermission, type Permission } from '../../access/permissions.ts';
import { WorkbenchInputError } from '../workbench/errors.ts';
import type { WorkbenchDb } from '../workbench/database.ts';
import type { ApiToken } from '../workbench/schema.ts';
import { audit } from './audit.ts';
import type { Principal } from './principal.ts';
import { newSecret, sha256 } from './tokens.ts';

export const API_TOKEN_PREFIX = 'llt_';

/** Creates a token with the given scopes (permission names). The secret is returned once; only its SHA-256 is stored. */
export async function createApiToken(db: WorkbenchDb, input: { name: string; scopes: readonly string[] }, by: Principal): Promise<{ token: string; row: ApiToken }> {
  const name = input.name.trim();
  if (!name || name.length > 100) throw new WorkbenchInputError(m.dt_tok_err_name());
  const unknown = input.scopes.filter((s) => !isPermission(s));
  if (unknown.length > 0) throw new WorkbenchInputError(m.dt_tok_err_unknown_scope({ scopes: unknown.join(', ') }));
  if (input.scopes.length === 0) throw new WorkbenchInputError(m.dt_tok_err_no_scope());
  if (input.scopes.includes('admin:users')) throw new WorkbenchInputError(m.dt_tok_err_admin_users());
  const { token, hash } = newSecret(API_TOKEN_PREFIX);
  const row = await db
    .insertInto('api_tokens')
    .values({ name, token_hash: hash, prefix: token.slice(0, API_TOKEN_PREFIX.length + 6), scopes: JSON.stringify([...new Set(input.scopes)]), created_by: by.kind === 'user' ? by.email : by.name })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(db, { kind: 'token_created', principal: by, target: name, details: { scopes: [...input.scopes] } });
  return { token, row };
}

export function listApiTokens(db: WorkbenchDb): Promise<ApiToken[]> {
  return db.selectFrom('api_tokens').selectAll().orderBy('revoked_at', (ob) => ob.desc().nullsFirst()).orderBy('id', 'desc').execute();
}

export async function revokeApiToken(db: WorkbenchDb, id: bigint, by: Principal): Promise<void> {
  const row = await db.updateTable('api_tokens').set({ revoked_at: new Date() }).where('id', '=', id).where('revoked_at', 'is', null).returning('name').executeTakeFirst();
  if (!row) throw new WorkbenchInputError(m.dt_tok_err_no_token());
  await audit(db, { kind: 'token_revoked', principal: by, target: row.name });
}

const lastUseWritten = new Map<string, number>();

/** The principal of a bearer token, or null (unknown or revoked). Records its use (at most once a minute per token and route). */
export async function principalOfApiToken(db: WorkbenchDb, token: string, use: { route: string; ip: string | null }): Promise<Principal | null> {
  if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 200) return null;
  const hash = sha256(token);
  const row = await db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hash).where('revoked_at', 'is', null).executeTakeFirst();
  if (!row) return null;
  const key = `${row.id}|${use.route}`;
  const now = Date.now();
  if ((lastUseWritten.get(key) ?? 0) < now - 60_000) {
    lastUseWritten.set(key, now);
    await db.updateTable('api_tokens').set({ last_used_at: new Date(now) }).where('id', '=', row.id).execute();
    await audit(db, { kind: 'token_used', actor: `token:${row.name}`, target: use.route, ip: use.ip });
  }
  return { kind: 'token', id: row.id, name: row.name, permissions: new Set(row.scopes.filter(isPermission) as Permission[]) };
}
