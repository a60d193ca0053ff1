import { m } from '$lib/paraglide/messages.js';
import type { Role } from '$lib/access/permissions.ts';

/**
 * Translations of labels that live in shared tables as English (app/lib/nav.ts, roles, the
 * overview's KPI keys). The tables keep English because code and tests match on it; the screen
 * asks here. Unknown keys fall back to the English given.
 */

const SECTIONS: Record<string, () => string> = {
  Overview: m.nav_overview, Revenue: m.nav_revenue, Customers: m.nav_customers,
  Receivables: m.nav_receivables, Data: m.nav_data, Admin: m.nav_admin,
};

const PAGES: Record<string, () => string> = {
  '/': m.nav_overview, '/revenue': m.nav_revenue_page, '/income': m.nav_income, '/mrr': m.nav_mrr,
  '/retention': m.nav_retention, '/forecast': m.nav_forecast, '/usage': m.nav_usage,
  '/preferences': m.nav_preferences, '/models/churn': m.nav_churn, '/retention/bonuses': m.nav_bonuses,
  '/receivables': m.nav_aging, '/collections': m.nav_collections, '/data-quality': m.nav_data_quality,
  '/settings/fx': m.nav_fx, '/notebooks': m.nav_notebooks, '/explore': m.nav_explore,
  '/admin/users': m.nav_users, '/admin/audit': m.nav_audit,
};

const ROLES: Record<Role, () => string> = {
  finance: m.role_finance, collections: m.role_collections, analyst: m.role_analyst, admin: m.role_admin,
};

export function sectionLabel(label: string): string {
  return SECTIONS[label]?.() ?? label;
}

export function pageLabel(href: string, label: string): string {
  return PAGES[href]?.() ?? label;
}

export function roleLabel(role: string): string {
  return ROLES[role as Role]?.() ?? role;
}

const KPIS: Record<string, { label: () => string; definition?: () => string }> = {
  mrr: { label: m.kpi_mrr, definition: m.kpi_mrr_def },
  arr: { label: m.kpi_arr, definition: m.kpi_arr_def },
  invoiced: { label: m.kpi_invoiced },
  collected: { label: m.kpi_collected },
  recognised: { label: m.kpi_recognised },
  overdue: { label: m.kpi_overdue, definition: m.kpi_overdue_def },
  dso: { label: m.kpi_dso, definition: m.kpi_dso_def },
};

/** An overview KPI's label and definition in the current language (definitions shared with other pages stay as given). */
export function kpiText(kpi: { key: string; label: string; definition: string }): { label: string; definition: string } {
  const t = KPIS[kpi.key];
  return { label: t?.label() ?? kpi.label, definition: t?.definition?.() ?? kpi.definition };
}
