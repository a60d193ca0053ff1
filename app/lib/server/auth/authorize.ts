import { API_RULES, PAGE_RULES } from '../../access/routes.ts';
import { satisfies, type Requirement } from '../../access/permissions.ts';
import type { Principal } from './principal.ts';

/** The form action a POST to a page names: `?/name`, or 'default'. */
export function actionName(url: URL): string {
  for (const key of url.searchParams.keys()) if (key.startsWith('/')) return key.slice(1) || 'default';
  return 'default';
}

/** What a SvelteKit request needs, or null when the route, method or action is not in the table (refused). */
export function pageRequirement(routeId: string, method: string, url: URL): Requirement | null {
  const rule = PAGE_RULES[routeId];
  if (!rule) return null;
  if (method === 'GET' || method === 'HEAD') return rule.GET ?? null;
  if (method === 'POST') return rule.POST ?? rule.actions?.[actionName(url)] ?? null;
  return null;
}

export function apiRequirement(method: string, path: string): Requirement | null {
  return API_RULES[`${method} ${path}`] ?? null;
}

export type Decision = 'allow' | 'sign-in' | 'forbidden';

export function decide(principal: Principal | null, requirement: Requirement): Decision {
  if (satisfies(principal?.permissions ?? null, requirement)) return 'allow';
  return principal ? 'forbidden' : 'sign-in';
}
