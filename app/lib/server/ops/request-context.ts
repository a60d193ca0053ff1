import { AsyncLocalStorage } from 'node:async_hooks';
import type { Principal } from '../auth/principal.ts';

/**
 * What the access log and the latency histogram need to know about a request, filled in by
 * whoever learns it: the API guard (its route key, the caller) or the SvelteKit handle hook (the
 * route id, the caller). app/serve.ts opens one per request and reads it when the response ends.
 * One store per process, on globalThis: the express entry and the SvelteKit bundle each load this module.
 */
export interface RequestInfo {
  /** Route pattern, never the raw URL: '/api/v1/sync/runs/:runId' (express), '/collections/cases/[id]' (SvelteKit route id). */
  route: string | null;
  /** Who asked, without identity: 'anonymous', 'token' or the user's role. */
  principal: string;
}

const KEY = Symbol.for('ledgerlens.request-info');
type Registry = { [KEY]?: AsyncLocalStorage<RequestInfo> };
const store: AsyncLocalStorage<RequestInfo> = ((globalThis as Registry)[KEY] ??= new AsyncLocalStorage<RequestInfo>());

export function withRequestInfo<T>(info: RequestInfo, fn: () => T): T {
  return store.run(info, fn);
}

/** Who the principal is, for logs and metrics: its kind and role only. */
export function principalLabel(principal: Principal | null): string {
  if (!principal) return 'anonymous';
  return principal.kind === 'token' ? 'token' : principal.role;
}

/** Records the route pattern and the caller of the request being served (no-op outside a request). */
export function noteRequest(route: string, principal: Principal | null): void {
  const info = store.getStore();
  if (!info) return;
  info.route = route;
  info.principal = principalLabel(principal);
}
