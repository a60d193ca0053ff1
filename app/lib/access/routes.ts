import type { Requirement, Role } from './permissions.ts';

/**
 * Every SvelteKit route (by route id) and what each of its methods and form actions requires.
 * A route or action missing here is refused (500, "not in the permission table") rather than left
 * open, and tests/access/route-permissions.test.ts fails on it: it walks the router's own manifest.
 */
export interface RouteRule {
  /** GET (and HEAD) of a page or endpoint. */
  readonly GET?: Requirement;
  /** POST to a +server.ts endpoint. */
  readonly POST?: Requirement;
  /** POST to a page's form actions, by action name ('default' for the unnamed one). */
  readonly actions?: Readonly<Record<string, Requirement>>;
}

export const PAGE_RULES: Readonly<Record<string, RouteRule>> = {
  '/': { GET: 'dashboards:read' },
  '/login': { GET: 'public', actions: { password: 'public', demo: 'public' } },
  '/logout': { POST: 'signed-in' },
  '/invite/[token]': { GET: 'public', actions: { default: 'public' } },
  '/account': { GET: 'signed-in', actions: { password: 'signed-in', locale: 'signed-in' } },
  '/admin/users': { GET: 'admin:users', actions: { invite: 'admin:users', update: 'admin:users', deactivate: 'admin:users', reactivate: 'admin:users', reinvite: 'admin:users' } },
  '/admin/audit': { GET: 'admin:audit' },
  '/admin/tokens': { GET: 'admin:users', actions: { create: 'admin:users', revoke: 'admin:users' } },
  '/admin/webhooks': { GET: 'admin:users', actions: { create: 'admin:users', disable: 'admin:users', enable: 'admin:users', delete: 'admin:users' } },
  '/api/docs': { GET: 'public' },
  '/revenue': { GET: 'dashboards:read' },
  '/income': { GET: 'dashboards:read' },
  '/mrr': { GET: 'dashboards:read' },
  '/mrr/movements': { GET: 'dashboards:read' },
  '/retention': { GET: 'dashboards:read' },
  '/retention/bonuses': { GET: 'churn:read', actions: { decide: 'churn:manage', policy: 'churn:manage' } },
  '/usage': { GET: 'dashboards:read' },
  '/preferences': { GET: 'dashboards:read' },
  '/forecast': { GET: 'dashboards:read' },
  '/models/churn': { GET: 'dashboards:read' },
  '/models/churn/card.json': { GET: 'dashboards:read' },
  '/customers/[id]/risk': { GET: 'churn:read' },
  '/receivables': { GET: 'receivables:read' },
  '/receivables/invoices': { GET: 'receivables:read' },
  '/collections': {
    GET: 'collections:read',
    actions: { open: 'collections:work', assign: 'collections:work', saveView: 'collections:read', deleteView: 'collections:read' },
  },
  '/collections/cases/[id]': {
    GET: 'collections:read',
    actions: {
      contact: 'collections:work', note: 'collections:work', promise: 'collections:work', approve: 'collections:work',
      dispute: 'collections:work', resolveDispute: 'collections:work', skip: 'collections:work',
    },
  },
  '/collections/cases/[id]/letter.eml': { GET: 'collections:work' },
  '/collections/cases/[id]/letter.pdf': { GET: 'collections:work' },
  '/collections/ladder': { GET: 'collections:read', actions: { replay: 'collections:configure' } },
  '/collections/policy': { GET: 'collections:read', actions: { preview: 'collections:read', save: 'collections:configure', addRate: 'collections:configure' } },
  '/data-quality': { GET: 'data-quality:read' },
  '/explore': { GET: 'explore:query', actions: { save: 'notebooks:edit' } },
  '/explore/download': { GET: 'data:export' },
  '/notebooks': { GET: 'explore:query', actions: { create: 'notebooks:edit' } },
  '/notebooks/[name]': { GET: 'explore:query' },
  '/notebooks/[name]/blocks/[block]': { GET: 'data:export' },
  '/notebooks/[name]/edit': { GET: 'notebooks:edit', actions: { default: 'notebooks:edit' } },
  '/notebooks/[name]/edit/preview': { POST: 'notebooks:edit' },
  '/notebooks/[name]/export.html': { GET: 'data:export' },
  '/notebooks/[name]/export.pdf': { GET: 'data:export' },
  '/notebooks/schedules': { GET: 'notebooks:edit', actions: { save: 'notebooks:edit', delete: 'notebooks:edit' } },
  '/settings/fx': { GET: 'dashboards:read', actions: { add: 'settings:manage', upload: 'settings:manage' } },
};

/**
 * Every /api/v1 route, as `METHOD path` with express's path syntax. The router registers routes
 * from this table only (app/lib/server/api/router.ts), so a route cannot exist without a rule.
 */
export const API_RULES: Readonly<Record<string, Requirement>> = {
  'GET /health': 'public',
  'GET /ready': 'public',
  'GET /openapi.json': 'public',
  'GET /metrics': 'metrics:read',
  'GET /revenue/monthly': 'dashboards:read',
  'GET /overview': 'dashboards:read',
  'GET /income/statement': 'dashboards:read',
  'GET /fx/rates': 'dashboards:read',
  'GET /receivables/aging': 'receivables:read',
  'GET /receivables/aging/invoices': 'receivables:read',
  'GET /receivables/aging/trend': 'receivables:read',
  'GET /receivables/metrics': 'receivables:read',
  'GET /usage/heatmap': 'dashboards:read',
  'GET /usage/peaks': 'dashboards:read',
  'GET /usage/patterns': 'dashboards:read',
  'GET /usage/top-consumers': 'dashboards:read',
  'GET /preferences/plan-mix': 'dashboards:read',
  'GET /preferences/migrations': 'dashboards:read',
  'GET /preferences/adoption': 'dashboards:read',
  'GET /mrr/monthly': 'dashboards:read',
  'GET /mrr/movements': 'dashboards:read',
  'GET /retention': 'dashboards:read',
  'GET /retention/cohorts': 'dashboards:read',
  'GET /sync/runs': 'data-quality:read',
  'GET /sync/runs/:runId': 'data-quality:read',
  'POST /sync': 'sync:run',
  'GET /quarantine': 'data-quality:read',
  'GET /quarantine/rows': 'data-quality:read',
  'GET /collections/outbox': 'collections:read',
  'GET /collections/agency-handoffs.csv': 'collections:read',
  'POST /collections/outbox/:id/ack': 'outbox:acknowledge',
  'GET /retention/bonuses/outbox': 'churn:read',
  'POST /retention/bonuses/outbox/:id/ack': 'outbox:acknowledge',
  'GET /collections/ladder': 'collections:read',
  'GET /forecasts': 'dashboards:read',
  'GET /exports/:dataset': 'data:export',
};

/** Where each role lands after signing in (and when it opens "/" without the dashboards). */
export const HOME_OF_ROLE: Readonly<Record<Role, string>> = {
  finance: '/',
  collections: '/collections',
  analyst: '/',
  admin: '/',
};
