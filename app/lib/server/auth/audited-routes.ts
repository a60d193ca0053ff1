import type { AuditKind } from './audit.ts';

/**
 * Which SvelteKit requests the audit log records, by route id and form action ('GET' for a
 * download). Sign-ins, user and token changes are recorded where they happen; these are the rest:
 * exports, settings changes and case actions. hooks.server.ts writes one entry per request.
 */
const AUDITED: Readonly<Record<string, Readonly<Record<string, AuditKind>>>> = {
  '/collections/cases/[id]': { contact: 'case_action', note: 'case_action', promise: 'case_action', approve: 'case_action', dispute: 'case_action', resolveDispute: 'case_action', skip: 'case_action' },
  '/collections': { open: 'case_action', assign: 'case_action' },
  '/collections/cases/[id]/letter.eml': { GET: 'export' },
  '/collections/cases/[id]/letter.pdf': { GET: 'export' },
  '/collections/policy': { save: 'settings_changed', addRate: 'settings_changed' },
  '/collections/ladder': { replay: 'settings_changed' },
  '/retention/bonuses': { decide: 'case_action', policy: 'settings_changed' },
  '/settings/fx': { add: 'settings_changed', upload: 'settings_changed' },
  '/notebooks': { create: 'settings_changed' },
  '/notebooks/[name]/edit': { default: 'settings_changed' },
  '/notebooks/schedules': { save: 'settings_changed', delete: 'settings_changed' },
  '/explore/download': { GET: 'export' },
  '/notebooks/[name]/blocks/[block]': { GET: 'export' },
  '/notebooks/[name]/export.html': { GET: 'export' },
  '/notebooks/[name]/export.pdf': { GET: 'export' },
};

/** The audit kind of a request, or null when it is not audited here. `action` is the form action for POSTs, 'GET' for GETs. */
export function auditedKind(routeId: string, action: string): AuditKind | null {
  return AUDITED[routeId]?.[action] ?? null;
}

/** A page or API request that returns a file (CSV/XLSX/Parquet/Arrow) through `?format=`. */
export function isDownload(url: URL): boolean {
  const format = url.searchParams.get('format');
  return format !== null && format !== 'json' && format !== 'html';
}
