import { ALL_PERMISSIONS, permissionsOf, type Role } from '../../app/lib/access/permissions.ts';
import type { Authenticate } from '../../app/lib/server/api/guard.ts';
import type { Principal } from '../../app/lib/server/auth/principal.ts';

/**
 * A signed-in user of `role`, for tests of what a route answers rather than of who may call it
 * (tests/access/ check sign-in and permissions against the real workbench database). The permission
 * check itself still runs: the route's rule must admit the role.
 */
export function userOfRole(role: Role, overrides: Partial<Extract<Principal, { kind: 'user' }>> = {}): Extract<Principal, { kind: 'user' }> {
  return {
    kind: 'user', id: 1n, email: `${role}@tests.invalid`, name: `Test ${role}`, role, permissions: permissionsOf(role),
    ownCasesOnly: false, locale: null, demo: false, mustChangePassword: false, sessionId: 'test', ...overrides,
  };
}

export function signedInAs(role: Role): Authenticate {
  const principal = userOfRole(role);
  return async () => principal;
}

/** An API token holding every scope: for tests of what a route answers to an integration. */
export const asAllScopesToken: Authenticate = async () => ({ kind: 'token', id: 1n, name: 'test-all-scopes', permissions: new Set(ALL_PERMISSIONS) });
