/**
 * Browser test of sign-in and roles against the production server on a seeded demo copy: each role
 * signs in through /login (the demo user buttons), sees the menu its role may open and not the rest,
 * gets a 403 page for a page it may not open, sees customers' names masked or not as its role says;
 * an invited user's wrong password shows the error; everyone can sign out.
 * Needs build/ (`npx vite build` first) and Chromium (see ./support.ts).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, screenshotPath, useServerAndBrowser } from './support.ts';

/** What each demo user's menu shows (section and page links), what it must not show, and a page it may not open. */
const ROLES = [
  {
    role: 'finance', email: 'finance@ledgerlens.demo', home: '/',
    sees: ['Overview', 'Revenue', 'Receivables', 'Invoiced & collected', 'Aging & metrics', 'Collections', 'SQL explorer'],
    hidden: ['Admin', 'Users', 'Audit log'],
    forbidden: '/admin/users',
  },
  {
    role: 'collections', email: 'anna.petrova@ledgerlens.demo', home: '/collections',
    sees: ['Receivables', 'Collections', 'Aging & metrics'],
    hidden: ['Overview', 'Revenue', 'Invoiced & collected', 'SQL explorer', 'Notebooks', 'Data quality', 'Admin'],
    forbidden: '/explore',
  },
  {
    role: 'analyst', email: 'analyst@ledgerlens.demo', home: '/',
    sees: ['Overview', 'Revenue', 'Receivables', 'SQL explorer', 'Notebooks', 'Aging & metrics'],
    hidden: ['Collections', 'Admin', 'Users'],
    forbidden: '/collections',
  },
  {
    role: 'admin', email: 'admin@ledgerlens.demo', home: '/',
    sees: ['Overview', 'Revenue', 'Receivables', 'Collections', 'SQL explorer', 'Admin', 'Users', 'Audit log'],
    hidden: [],
    forbidden: null,
  },
] as const;

/** Every link text of the header's menus, the sections and the pages of each section (opened one by one). */
async function menuLinks(page: Page, url: string): Promise<Set<string>> {
  const sections = await page.locator('header nav[aria-label="Main"] a').evaluateAll((links) => links.map((a) => ({ text: a.textContent!.trim(), href: a.getAttribute('href')! })));
  const texts = new Set(sections.map((s) => s.text));
  for (const section of sections) {
    await page.goto(`${url}${section.href}`);
    for (const text of await page.locator('nav.sub a').allTextContents()) texts.add(text.trim());
  }
  return texts;
}

/** A name masked as the app masks it: first letter of each word and ***. */
const MASKED = /^\S\*\*\*( \S\*\*\*)*$/u;

describe('roles in the browser', () => {
  const ctx = useServerAndBrowser({ LEDGERLENS_SYNC_EVERY_MINUTES: '0' });

  for (const r of ROLES) {
    it(`${r.role}: signs in with the demo button, sees what the role may open and nothing else, and signs out`, async () => {
      const { page, consoleErrors } = await openPage(ctx, { as: null });
      const url = ctx.server.url;
      await page.goto(`${url}/revenue`);
      // Signed out: the login page, which remembers where it was going.
      expect(new URL(page.url()).pathname).toBe('/login');
      await expect.poll(() => page.getByTestId('demo-users').isVisible()).toBe(true);
      await page.locator(`button[data-email="${r.email}"]`).click();
      // `next` was /revenue: roles without the dashboards get a 403 page there, the others the page.
      await page.waitForURL((u) => u.pathname !== '/login');
      await page.goto(`${url}/`);
      await page.waitForURL((u) => u.pathname === r.home);
      await expect.poll(() => page.getByTestId('me').textContent()).toContain(r.role);

      const links = await menuLinks(page, url);
      for (const text of r.sees) expect(links, `${r.role} should see ${text}`).toContain(text);
      for (const text of r.hidden) expect(links, `${r.role} should not see ${text}`).not.toContain(text);

      if (r.forbidden) {
        const res = await page.goto(`${url}${r.forbidden}`);
        expect(res?.status()).toBe(403);
        await expect.poll(() => page.getByTestId('error-page').locator('h1').textContent()).toMatch(/^Your role may not open this \(needs "[a-z:-]+"\)$/);
        await page.screenshot({ path: screenshotPath(`roles-${r.role}-403.png`) });
      }
      await page.goto(`${url}${r.home}`);
      await page.screenshot({ path: screenshotPath(`roles-${r.role}.png`) });

      await page.getByTestId('sign-out').click();
      await page.waitForURL((u) => u.pathname === '/login');
      const after = await page.goto(`${url}${r.home === '/' ? '/revenue' : r.home}`);
      expect(new URL(page.url()).pathname).toBe('/login');
      expect(after?.status()).toBe(200);
      expect(consoleErrors.filter((e) => !/403|Forbidden/.test(e))).toEqual([]);
      await page.close();
    });
  }

  it('masks customer names for the analyst and shows them to collections on the case page', async () => {
    const url = ctx.server.url;
    const analyst = await openPage(ctx, { as: 'analyst@ledgerlens.demo' });
    expect((await analyst.page.goto(`${url}/receivables/invoices?currency=RUB`))?.status()).toBe(200);
    const analystNames = (await analyst.page.getByTestId('invoice-customer').allTextContents()).map((t) => t.trim());
    expect(analystNames.length).toBeGreaterThan(0);
    for (const name of analystNames) expect(name).toMatch(MASKED);
    await analyst.page.screenshot({ path: screenshotPath('roles-analyst-masked.png') });
    await analyst.page.close();

    const collector = await openPage(ctx, { as: 'anna.petrova@ledgerlens.demo' });
    expect((await collector.page.goto(`${url}/receivables/invoices?currency=RUB`))?.status()).toBe(200);
    const collectorNames = (await collector.page.getByTestId('invoice-customer').allTextContents()).map((t) => t.trim());
    expect(collectorNames.length).toBe(analystNames.length);
    expect(collectorNames.some((n) => !MASKED.test(n))).toBe(true);
    // The first invoice's name, masked for the analyst, is whole for the collector.
    expect(analystNames[0]![0]).toBe(collectorNames[0]![0]);

    await collector.page.goto(`${url}/collections`);
    await collector.page.getByTestId('open-case').first().click();
    await collector.page.waitForURL((u) => /^\/collections\/cases\/\d+$/.test(u.pathname));
    const caseName = (await collector.page.locator('main h1').textContent())!.trim();
    expect(caseName).not.toMatch(/\*\*\*/);
    expect(caseName.length).toBeGreaterThan(2);
    await collector.page.screenshot({ path: screenshotPath('roles-collections-case.png') });
    await collector.page.close();
  });

  it('an invited user sets a password; a wrong password shows the error, the right one signs in', async () => {
    const url = ctx.server.url;
    const email = `kate.roles@example.test`;
    const admin = await openPage(ctx);
    await admin.page.goto(`${url}/admin/users`);
    const invite = admin.page.getByTestId('invite-user');
    await invite.locator('input[name="name"]').fill('Kate Roles');
    await invite.locator('input[name="email"]').fill(email);
    await invite.locator('select[name="role"]').selectOption('finance');
    await invite.locator('button[type="submit"]').click();
    const link = (await admin.page.getByTestId('invite-link').textContent())!.trim();
    expect(link).toMatch(new RegExp(`^${url}/invite/`));
    await admin.page.close();

    const { page } = await openPage(ctx, { as: null });
    await page.goto(link);
    const password = 'correct horse battery staple';
    await page.locator('input[name="password"]').fill(password);
    await page.locator('input[name="repeat"]').fill(password);
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.waitForURL((u) => u.pathname === '/login');

    const form = page.getByTestId('sign-in');
    await form.locator('input[name="email"]').fill(email);
    await form.locator('input[name="password"]').fill('not the password');
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => page.getByTestId('sign-in-error').textContent()).toMatch(/wrong|incorrect|not match|invalid/i);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.screenshot({ path: screenshotPath('roles-wrong-password.png') });

    await form.locator('input[name="password"]').fill(password);
    await form.locator('button[type="submit"]').click();
    await page.waitForURL((u) => u.pathname === '/');
    await expect.poll(() => page.getByTestId('me').textContent()).toContain('Kate Roles');
    await page.close();
  });
});
