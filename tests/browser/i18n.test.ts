/**
 * Two languages in the browser: the language follows Accept-Language before sign-in, the header's
 * switch saves the user's choice and reloads the page in it, and pages show Russian text and
 * Russian-formatted money. Screenshots of the Russian pages go to test-results/i18n-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, useServerAndBrowser } from './support.ts';
import { NBSP, RUSSIAN_MONEY, shoot, signInAsDemo, switchLanguage } from './i18n-support.ts';

async function anonymousPage(browser: Browser, locale: string): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  return context.newPage();
}

describe('two languages', () => {
  const ctx = useServerAndBrowser();

  it('before sign-in, follows the browser: Russian for ru-RU, English for en-US', async () => {
    const ru = await anonymousPage(ctx.browser, 'ru-RU');
    await ru.goto(`${ctx.server.url}/login`);
    expect(await ru.evaluate(() => document.documentElement.lang)).toBe('ru');
    await expect.poll(() => ru.locator('h1').textContent()).toBe('Вход');
    expect(await ru.getByTestId('demo-users').locator('h2').textContent()).toContain('Демо-пользователи');
    await ru.context().close();

    const en = await anonymousPage(ctx.browser, 'en-US');
    await en.goto(`${ctx.server.url}/login`);
    expect(await en.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await en.locator('h1').textContent()).toBe('Sign in');
    await en.context().close();
  }, 60_000);

  it('switches to Russian and back: overview, collections, case and receivables pages', async () => {
    const { page, consoleErrors } = await openPage(ctx, { as: null });
    await signInAsDemo(page, ctx.server.url, 'admin');
    await page.goto(`${ctx.server.url}/`);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.locator('h1').textContent()).toBe('Overview');

    await switchLanguage(page, 'ru');
    expect(new URL(page.url()).pathname).toBe('/'); // came back to the page it was on
    expect(await page.locator('h1').textContent()).toBe('Обзор');
    const main = page.getByRole('navigation', { name: 'Основное меню' });
    expect(await main.locator('a').allTextContents()).toEqual(expect.arrayContaining(['Обзор', 'Выручка', 'Дебиторка', 'Данные']));
    await page.waitForSelector('[data-testid="overview-segments"][data-ready="true"]', { timeout: 30_000 });
    expect(await page.getByTestId('overview-mrr-bridge').locator('h2').textContent()).toMatch(/^Движение MRR, /);
    // the closing MRR in Russian format, every digit of the exact amount kept
    const closing = (await page.getByTestId('overview-mrr-closing').textContent())!.replace(NBSP, ' ').trim();
    expect(closing).toMatch(RUSSIAN_MONEY);
    const raw = await page.getByTestId('overview-kpi-mrr-value').getAttribute('data-raw');
    expect(closing.replace(/\D/g, '')).toBe(raw!.replace('-', ''));
    expect(await page.getByTestId('overview-kpi-mrr').textContent()).toContain('к прошлому месяцу');
    await shoot(page, 'i18n-overview-ru.png');

    await page.goto(`${ctx.server.url}/collections`);
    expect(await page.locator('h1').textContent()).toBe('Взыскание');
    const queue = page.getByTestId('collections-queue');
    expect(await queue.locator('thead th').allTextContents()).toEqual(expect.arrayContaining(['Клиент', 'Сегмент', 'Просрочено', 'Взыскатель']));
    const overdue = (await queue.locator('tbody tr').first().locator('td').nth(4).textContent())!.replace(NBSP, ' ');
    expect(overdue).toMatch(/^-?\d{1,3}( \d{3})*,\d{2} [₽$€]счетов: \d+$/);
    await shoot(page, 'i18n-collections-ru.png');

    await Promise.all([page.waitForURL(/\/collections\/cases\/\d+/, { timeout: 30_000 }), page.getByTestId('open-case').first().click()]);
    await expect.poll(() => page.locator('h2').first().textContent()).toBe('Открытые счета');
    expect(await page.getByTestId('case-invoices').locator('thead').textContent()).toContain('Дней просрочки');
    await shoot(page, 'i18n-case-ru.png');

    await page.goto(`${ctx.server.url}/receivables`);
    expect(await page.locator('h1').textContent()).toBe('Дебиторская задолженность');
    await shoot(page, 'i18n-receivables-ru.png');

    // The header must not overflow with the longer Russian labels (1280 px wide).
    const header = await page.locator('.shell > header').evaluate((h) => ({ scroll: h.scrollWidth, client: h.clientWidth }));
    expect(header.scroll).toBeLessThanOrEqual(header.client);

    await page.goto(`${ctx.server.url}/collections`);
    await switchLanguage(page, 'en');
    expect(new URL(page.url()).pathname).toBe('/collections');
    expect(await page.locator('h1').textContent()).toBe('Collections');
    const overdueEn = (await page.getByTestId('collections-queue').locator('tbody tr').first().locator('td').nth(4).textContent())!;
    expect(overdueEn).toMatch(/^-?[₽$€][\d,]+\.\d{2}\d+ inv\.$/);
    expect(consoleErrors).toEqual([]);
    await page.close();
  }, 180_000);
});
