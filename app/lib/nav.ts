import { PAGE_RULES } from './access/routes.ts';

/** The app's sections and their pages, as the header shows them: sections on top, the active section's pages below. */
export interface NavPage {
  readonly href: string;
  readonly label: string;
}

export interface NavSection {
  readonly label: string;
  /** Where the section's own link goes: its first page. */
  readonly href: string;
  readonly pages: readonly NavPage[];
}

export const NAV: readonly NavSection[] = [
  { label: 'Overview', href: '/', pages: [] },
  {
    label: 'Revenue',
    href: '/revenue',
    pages: [
      { href: '/revenue', label: 'Invoiced & collected' },
      { href: '/income', label: 'Income statement' },
      { href: '/mrr', label: 'MRR' },
      { href: '/retention', label: 'Retention' },
      { href: '/forecast', label: 'Forecast' },
    ],
  },
  {
    label: 'Customers',
    href: '/usage',
    pages: [
      { href: '/usage', label: 'Usage' },
      { href: '/preferences', label: 'Preferences' },
      { href: '/models/churn', label: 'Churn risk' },
      { href: '/retention/bonuses', label: 'Retention bonuses' },
    ],
  },
  {
    label: 'Receivables',
    href: '/receivables',
    pages: [
      { href: '/receivables', label: 'Aging & metrics' },
      { href: '/collections', label: 'Collections' },
    ],
  },
  {
    label: 'Data',
    href: '/data-quality',
    pages: [
      { href: '/data-quality', label: 'Data quality' },
      { href: '/settings/fx', label: 'Exchange rates' },
      // A top-level section would push the header past 1280 px; analysts' tools sit with the data.
      { href: '/notebooks', label: 'Notebooks' },
      { href: '/explore', label: 'SQL explorer' },
    ],
  },
  {
    label: 'Admin',
    href: '/admin/users',
    pages: [
      { href: '/admin/users', label: 'Users' },
      { href: '/admin/audit', label: 'Audit log' },
      { href: '/admin/tokens', label: 'API tokens' },
      { href: '/admin/webhooks', label: 'Webhooks' },
    ],
  },
];

/**
 * The menu a holder of `permissions` sees: pages their role cannot open are left out (the server
 * refuses them anyway), and a section links to its first page left.
 */
export function visibleNav(permissions: readonly string[]): NavSection[] {
  const held = new Set(permissions);
  const opens = (href: string) => {
    const need = PAGE_RULES[href]?.GET;
    return need === 'public' || need === 'signed-in' || (need !== undefined && held.has(need));
  };
  return NAV.flatMap((section) => {
    if (section.pages.length === 0) return opens(section.href) ? [section] : [];
    const pages = section.pages.filter((p) => opens(p.href));
    return pages.length > 0 ? [{ ...section, href: pages[0]!.href, pages }] : [];
  });
}

function under(pathname: string, href: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}

/** The page a path belongs to (the longest matching href), or undefined. */
export function activePage(pathname: string): NavPage | undefined {
  const pages = NAV.flatMap((s) => (s.pages.length > 0 ? s.pages : [{ href: s.href, label: s.label }]));
  return pages.filter((p) => under(pathname, p.href)).sort((a, b) => b.href.length - a.href.length)[0];
}

/** The section whose pages include the path, or undefined. */
export function activeSection(pathname: string): NavSection | undefined {
  const page = activePage(pathname);
  return page && NAV.find((s) => s.href === page.href || s.pages.some((p) => p.href === page.href));
}
