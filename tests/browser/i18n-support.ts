/** What the language browser tests share: demo sign-in by clicking, the header's switch, Russian money, screenshots. */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { screenshotPath } from './support.ts';

/** Signs in with one click as the demo user of `role`, as a person on the sign-in page does. */
export async function signInAsDemo(page: Page, url: string, role: string): Promise<void> {
  await page.goto(`${url}/login`);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 30_000 }), page.locator(`button[data-role="${role}"]`).click()]);
}

/** Clicks the header's language switch and waits for the page to come back in the other language. */
export async function switchLanguage(page: Page, to: 'en' | 'ru'): Promise<void> {
  const switcher = page.getByTestId('switch-locale').locator('button');
  await expect.poll(() => switcher.getAttribute('lang')).toBe(to);
  await Promise.all([page.waitForFunction((lang) => document.documentElement.lang === lang, to, { timeout: 30_000 }), switcher.click()]);
  await page.waitForLoadState('load');
}

export const NBSP = /[\u00a0\u202f]/g;
/** Russian money: groups of three split by (no-break) spaces, a decimal comma, the symbol after. */
export const RUSSIAN_MONEY = /^-?\d{1,3}( \d{3})*,\d{2} [₽$€]$/;

export async function shoot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(path.dirname(screenshotPath(name)), { recursive: true });
  await page.screenshot({ path: screenshotPath(name), fullPage: true });
}
