import { ALL_PERMISSIONS } from '../../app/lib/access/permissions.ts';
import type { Authenticate } from '../../app/lib/server/api/guard.ts';
import type { Principal } from '../../app/lib/server/auth/principal.ts';

/** An API token holding every scope: for tests of what a route answers, not of who may call it. */
export const ALL_SCOPES_TOKEN: Principal = { kind: 'token', id: 1n, name: 'test-all-scopes', permissions: new Set(ALL_PERMISSIONS) };

export const asAllScopesToken: Authenticate = async () => ALL_SCOPES_TOKEN;
