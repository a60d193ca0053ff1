/**
 * Who may do what: the one declared table of roles and permissions. Pages, form actions, SvelteKit
 * endpoints and /api/v1 routes all name one permission each (see ./routes.ts); the server checks
 * it in one place (hooks.server.ts for SvelteKit, the API guard for express). The menu uses the
 * same table to hide what a role cannot open, but hiding is never the protection.
 */
export const ROLES = ['finance', 'collections', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = {
  'dashboards:read': 'Revenue, MRR, retention, usage, preferences, income, forecasts and the churn model card',
  'receivables:read': 'Aging, collection metrics (DSO, CEI) and the bad-debt reserve',
  'collections:read': 'The collections queue, case pages, ladder analytics and the outbox of approved actions',
  'collections:work': 'Open, assign and work cases: notes, contacts, promises, disputes, approving actions, letters',
  'collections:configure': 'Edit the escalation policy and its rate tables',
  'churn:read': "Customers' churn-risk scores and the retention bonuses",
  'churn:manage': 'Approve or skip retention bonuses',
  'explore:query': 'The SQL explorer and notebooks (read-only queries on the warehouse)',
  'notebooks:edit': 'Edit notebooks and their schedules',
  'data:export': 'Download reports and datasets (CSV, XLSX, Parquet, Arrow)',
  'data-quality:read': 'Sync history, reconciliation and quarantined rows',
  'sync:run': 'Start a sync',
  'settings:manage': 'Settings such as exchange rates',
  'personal-data:read': "Customers' names, e-mail addresses and phone numbers unmasked",
  'outbox:acknowledge': 'Acknowledge approved actions as carried out (the billing system, through the API)',
  'admin:users': 'Invite users, set roles, deactivate; API tokens and webhooks',
  'admin:audit': 'Read the audit log',
  'metrics:read': 'Prometheus metrics of the running server (GET /api/v1/metrics): admins, and API tokens given this scope for a scraper',
} as const;
export type Permission = keyof typeof PERMISSIONS;
export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

/** Finance leadership reads everything; collections staff work cases; analysts explore and export; admins manage. */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  finance: ['dashboards:read', 'receivables:read', 'collections:read', 'churn:read', 'explore:query', 'data:export', 'data-quality:read'],
  collections: ['receivables:read', 'collections:read', 'collections:work', 'churn:read', 'personal-data:read'],
  analyst: ['dashboards:read', 'receivables:read', 'churn:read', 'explore:query', 'notebooks:edit', 'data:export', 'data-quality:read'],
  admin: ALL_PERMISSIONS,
};

/** What a route asks of the caller: anyone, anyone signed in, or one permission. */
export type Requirement = 'public' | 'signed-in' | Permission;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && value in PERMISSIONS;
}

/** The permissions a caller holds: a user's role's, or an API token's scopes. */
export function permissionsOf(role: Role): ReadonlySet<Permission> {
  return new Set(ROLE_PERMISSIONS[role]);
}

export function satisfies(held: ReadonlySet<Permission> | null, requirement: Requirement): boolean {
  if (requirement === 'public') return true;
  if (held === null) return false;
  return requirement === 'signed-in' || held.has(requirement);
}
