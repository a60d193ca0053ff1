import { AsyncLocalStorage } from 'node:async_hooks';
import type { Permission, Role } from '../../access/permissions.ts';
import type { Locale } from '../workbench/schema.ts';

/** Who is asking: a signed-in user, or an integration using an API token. */
export type Principal =
  | {
      readonly kind: 'user';
      readonly id: bigint;
      readonly email: string;
      readonly name: string;
      readonly role: Role;
      readonly permissions: ReadonlySet<Permission>;
      readonly ownCasesOnly: boolean;
      readonly locale: Locale | null;
      readonly demo: boolean;
      readonly mustChangePassword: boolean;
      /** SHA-256 of the session token (to sign this session out). */
      readonly sessionId: string;
    }
  | {
      readonly kind: 'token';
      readonly id: bigint;
      readonly name: string;
      readonly permissions: ReadonlySet<Permission>;
    };

/** How the principal appears in audit trails and case histories. */
export function actorOf(principal: Principal | null): string {
  if (!principal) return 'anonymous';
  return principal.kind === 'user' ? principal.email : `token:${principal.name}`;
}

/**
 * The request's principal, for code far from the request (masking personal data in exports and
 * row mappers). One store per process: the express entry and the SvelteKit bundle each load this
 * module, so the store lives on globalThis under a registered symbol.
 */
const KEY = Symbol.for('ledgerlens.principal');
type Registry = { [KEY]?: AsyncLocalStorage<Principal | null> };
const store: AsyncLocalStorage<Principal | null> = ((globalThis as Registry)[KEY] ??= new AsyncLocalStorage<Principal | null>());

export function runAs<T>(principal: Principal | null, fn: () => T): T {
  return store.run(principal, fn);
}

/** The principal of the request being served; undefined outside any request (CLI, scheduler, tests). */
export function currentPrincipal(): Principal | null | undefined {
  return store.getStore();
}
