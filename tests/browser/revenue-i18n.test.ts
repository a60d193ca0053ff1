/**
 * The revenue-side pages in Russian: revenue, income statement, MRR and its drill-down, retention,
 * forecast, usage and preferences show Russian headings, labels and definitions (read from the
 * Russian blocks of their SQL headers), Russian money, and a Russian error page for a bad filter.
 * Screenshots go to test-results/i18n-*-ru.png.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, useServerAndBrowser } from './support.ts';
import { NBSP, RUSSIAN_MONEY, shoot, signInAsDemo, switchLanguage } from './i18n-support.ts';

describe('revenue pages in Russian', () => {
  const ctx = useServerAndBrowser();

  it('shows revenue, income, MRR, retention, forecast, usage and preferences in Russian, then English again', async () => {
    const { page, consoleErrors } = await openPage(ctx, { as: null });
    await signInAsDemo(page, ctx.server.url, 'finance');
    await page.goto(`${ctx.server.url}/revenue`);
    expect(await page.locator('h1').textContent()).toBe('Revenue');
    await switchLanguage(page, 'ru');
    expect(new URL(page.url()).pathname).toBe('/revenue');
    expect(await page.locator('h1').textContent()).toBe('Выручка');
    // each label is followed by its definition (the "i" button's bubble)
    const kpiLabels = await page.locator('.kpis h3').allTextContents();
    expect(kpiLabels.some((t) => t.startsWith('Начислено'))).toBe(true);
    expect(kpiLabels.some((t) => t.startsWith('Оплачено'))).toBe(true);
    expect(kpiLabels.join(' ')).toContain('Итоги выставленных счетов');
    const invoiced = (await page.getByTestId('kpi-invoiced').textContent())!.replace(NBSP, ' ').trim();
    expect(invoiced).toMatch(RUSSIAN_MONEY);
    expect(await page.getByTestId('revenue-table').locator('thead').textContent()).toContain('Месяц');
    await shoot(page, 'i18n-revenue-ru.png');

    await page.goto(`${ctx.server.url}/income`);
    expect(await page.locator('h1').textContent()).toBe('Отчёт о прибылях и убытках');
    expect(await page.getByTestId('income-statement').textContent()).toContain('Признанная выручка');

    await page.goto(`${ctx.server.url}/mrr`);
    expect(await page.locator('h1').textContent()).toBe('MRR');
    expect(await page.getByTestId('settings-note').textContent()).toMatch(/Просрочка считается оттоком: выкл\./);
    const definitions = (await page.getByTestId('definitions').textContent())!;
    expect(definitions).toContain('Как рассчитывается каждый показатель');
    expect(definitions).toContain('округлённая один раз до минимальной единицы валюты');
    expect(await page.getByTestId('bridge-table').locator('thead').textContent()).toContain('MRR на начало');
    await shoot(page, 'i18n-mrr-ru.png');

    const link = page.getByTestId('bridge-table').locator('td[data-kind="new"] a').first();
    await Promise.all([page.waitForURL(/\/mrr\/movements/, { timeout: 30_000 }), link.click()]);
    expect(await page.locator('h1').textContent()).toMatch(/^Новые, /);
    expect(await page.locator('h2').first().textContent()).toMatch(/^\s*Клиентов: /);

    await page.goto(`${ctx.server.url}/retention`);
    expect(await page.locator('h1').textContent()).toBe('Удержание');
    expect(await page.getByTestId('definitions').textContent()).toContain('Валовое удержание выручки');

    await page.goto(`${ctx.server.url}/forecast`);
    expect(await page.locator('h1').textContent()).toBe('Прогноз выручки и поступлений');

    await page.goto(`${ctx.server.url}/usage`);
    expect(await page.locator('h1').textContent()).toBe('Потребление');
    const sqlDefinitions = page.locator('details.sql-definitions').first();
    expect(await sqlDefinitions.locator('summary').textContent()).toContain('Определения');
    const usageDefinitions = (await sqlDefinitions.locator('dd').allTextContents()).join(' ');
    // the Russian block of sql/queries/usage_heatmap.sql; column names and formulas stay as written
    expect(usageDefinitions).toContain('потребление в часовых интервалах, начавшихся в этот день недели и час');
    expect(usageDefinitions).toContain('quantity / всё потребление периода');
    expect(usageDefinitions).not.toContain('usage in hourly buckets');
    await shoot(page, 'i18n-usage-ru.png');

    await page.goto(`${ctx.server.url}/preferences`);
    expect(await page.locator('h1').textContent()).toBe('Предпочтения клиентов');

    // (before the error page: the browser logs its 400 as a console error)
    expect(consoleErrors).toEqual([]);
    await page.goto(`${ctx.server.url}/mrr?from=nonsense`);
    expect(await page.locator('h1').textContent()).toBe('Эти фильтры нельзя показать');
    expect(await page.textContent('body')).toContain('это не месяц');

    await page.goto(`${ctx.server.url}/revenue`);
    await switchLanguage(page, 'en');
    expect(await page.locator('h1').textContent()).toBe('Revenue');
    await page.close();
  }, 240_000);
});
