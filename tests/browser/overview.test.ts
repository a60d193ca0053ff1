/**
 * Browser tests of the leadership overview (/), the income statement (/income) and the exchange
 * rates page (/settings/fx) against the production server on the embedded demo (see ./support.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPage, queryWarehouseFile, screenshotPath, stopServer, useServerAndBrowser } from './support.ts';

describe('overview, income statement and exchange rates', () => {
  const ctx = useServerAndBrowser();
  const shown: Record<string, string | null> = {};

  it('shows KPI cards with sparklines, exports a chart as PNG and as data', async () => {
    const { page, consoleErrors } = await openPage(ctx);
    expect((await page.goto(`${ctx.server.url}/`))?.status()).toBe(200);
    await page.waitForSelector('[data-testid="overview-segments"][data-ready="true"]', { timeout: 30_000 });
    expect(await page.locator('[data-testid^="overview-kpi-"][href]').count()).toBeGreaterThanOrEqual(5);
    shown.invoiced = await page.getByTestId('overview-kpi-invoiced-value').getAttribute('data-raw');
    // the MRR bridge closes: opening + new + reactivation + expansion − contraction − churn = closing
    const cells = (await page.getByTestId('overview-mrr-bridge').locator('td').allTextContents()).map((t) => BigInt(t.replace(/[^\d-]/g, '')));
    expect(cells).toHaveLength(7);
    const [opening, added, reactivated, expanded, contracted, churned, closing] = cells as [bigint, bigint, bigint, bigint, bigint, bigint, bigint];
    expect(opening + added + reactivated + expanded - contracted - churned).toBe(closing);
    expect(await page.getByTestId('overview-kpi-mrr-value').getAttribute('data-raw')).toBe(closing.toString());
    shown.subtitle = await page.locator('.subtitle').first().textContent();

    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('overview-segments-png').click()]);
    const pngBytes = fs.readFileSync(await png.path());
    expect(pngBytes.subarray(1, 4).toString()).toBe('PNG');
    const [data] = await Promise.all([page.waitForEvent('download'), page.getByTestId('overview-segments-data').click()]);
    const csv = fs.readFileSync(await data.path(), 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^category,/);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(13); // header + 12 months

    fs.mkdirSync(path.dirname(screenshotPath('overview.png')), { recursive: true });
    await page.screenshot({ path: screenshotPath('overview.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
    await page.close();
  }, 90_000);

  it('shows the income statement converted into RUB with the rates used', async () => {
    const { page, consoleErrors } = await openPage(ctx);
    expect((await page.goto(`${ctx.server.url}/income?from=2026-01&to=2026-06&reporting=RUB&granularity=quarter`))?.status()).toBe(200);
    await page.waitForSelector('[data-testid="income-chart"][data-ready="true"]', { timeout: 30_000 });
    expect(await page.locator('[data-testid="income-statement"] thead th').allTextContents()).toEqual(
      expect.arrayContaining(['2026-Q1', '2026-Q2']),
    );
    // the demo bills in RUB, USD and EUR: both foreign currencies are converted, each month at its own rate
    expect(await page.locator('[data-testid="fx-rates-table"] tbody tr').count()).toBe(6);
    await page.screenshot({ path: screenshotPath('income.png'), fullPage: true });

    const bad = await page.goto(`${ctx.server.url}/income?granularity=week`);
    expect(bad?.status()).toBe(400);
    expect(await page.textContent('body')).toContain('granularity="week" must be month, quarter or year');
    expect(consoleErrors.filter((e) => !e.includes('400'))).toEqual([]);
    await page.close();
  }, 60_000);

  it('loads rates from CSV, refusing a file with a bad line and saying which', async () => {
    const { page } = await openPage(ctx);
    await page.goto(`${ctx.server.url}/settings/fx`);
    const upload = page.getByTestId('upload-rates');
    await upload.locator('input[type=file]').setInputFiles({ name: 'rates.csv', mimeType: 'text/csv', buffer: Buffer.from('date,currency,quote,rate,source\n2026-01-31,USD,RUB,95.5,test\n2026-01-31,EUR,RUB,abc,test\n') });
    await upload.getByRole('button', { name: 'Load file' }).click();
    await expect.poll(() => page.getByTestId('fx-error').textContent()).toContain('line 3');
    await upload.locator('input[type=file]').setInputFiles({ name: 'rates.csv', mimeType: 'text/csv', buffer: Buffer.from('date,currency,quote,rate,source\n2026-01-31,USD,RUB,95.5,test\n') });
    await upload.getByRole('button', { name: 'Load file' }).click();
    await expect.poll(() => page.getByTestId('fx-saved').textContent()).toContain('Saved 1 rate');
    await page.reload();
    expect(await page.getByTestId('fx-rates').locator('tbody tr', { hasText: '2026-01-31' }).filter({ hasText: 'USD' }).textContent()).toMatch(/2026-01-31\s*USD\s*RUB\s*95\.5\s*test/);
    await page.screenshot({ path: screenshotPath('fx-rates.png'), fullPage: true });
    await page.close();
  }, 60_000);

  it('the invoiced KPI equals the warehouse sum for the last complete month', async () => {
    await stopServer(ctx.server);
    const [row] = await queryWarehouseFile<{ month: string; invoiced: bigint }>(
      path.join(ctx.dataDir, 'warehouse.duckdb'),
      `with top as (select currency from marts.revenue_monthly group by currency order by sum(invoiced_minor) desc, currency limit 1),
            last as (select least(max(month), date_trunc('month', timezone('Europe/Moscow', now()))::date - interval 1 month)::date as month
                     from marts.revenue_monthly where currency = (select currency from top))
       select strftime(last.month, '%Y-%m') as month, sum(m.invoiced_minor)::hugeint as invoiced
       from marts.revenue_monthly m, last where m.currency = (select currency from top) and m.month = last.month group by 1`,
    );
    expect(shown.invoiced).toBe(row!.invoiced.toString());
  }, 60_000);
});
