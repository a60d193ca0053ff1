/**
 * Browser test of the revenue page against the production server.
 * Needs build/ (run `npx vite build` first) and Chromium at /usr/bin/chromium (or CHROMIUM_PATH).
 * Starts `app/serve.ts` with PORT=0 on an empty data directory (see ./support.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../app/lib/money.ts';
import { openPage, queryWarehouseFile, screenshotPath, stopServer, useServerAndBrowser, apiFetch } from './support.ts';

const SCREENSHOT = screenshotPath('revenue.png');

interface ExpectedKpi {
  readonly currency: string;
  readonly invoicedMinor: bigint;
}

/**
 * What the page's default view must show, computed with independent SQL straight from the file:
 * the currency with the most invoiced, the 12 months ending at the latest month, invoiced summed.
 * Runs after the server stopped (it holds the DuckDB file lock), so it sees whatever the server's
 * startup sync left in the warehouse.
 */
async function expectedDefaultInvoiced(warehouseFile: string): Promise<ExpectedKpi> {
  const [row] = await queryWarehouseFile<{ currency: string; invoiced: bigint }>(
    warehouseFile,
    `
      with top as (
        select currency from marts.revenue_monthly group by currency order by sum(invoiced_minor) desc, currency limit 1
      ), period as (
        select max(month) as last_month, max(month) - interval 11 month as first_month from marts.revenue_monthly
      )
      select top.currency, coalesce(sum(m.invoiced_minor), 0)::hugeint as invoiced
      from top cross join period
      left join marts.revenue_monthly m
        on m.currency = top.currency and m.month between period.first_month and period.last_month
      group by top.currency`,
  );
  return { currency: row.currency, invoicedMinor: row.invoiced };
}

describe('revenue page', () => {
  // A newcomer's first start: empty data directory, demo seeded, first sync.
  const ctx = useServerAndBrowser({}, { fresh: true });

  it('shows the default period, with the invoiced KPI equal to the warehouse sum', async () => {
    const { page, consoleErrors } = await openPage(ctx);

    const response = await page.goto(`${ctx.server.url}/revenue`);
    expect(response?.status()).toBe(200);
    await page.waitForSelector('[data-testid="revenue-chart"][data-ready="true"]', { timeout: 30_000 });

    const kpi = page.getByTestId('kpi-invoiced');
    const shown = {
      minor: await kpi.getAttribute('data-minor'),
      text: (await kpi.textContent())?.trim(),
      currency: await page.locator('select[name="currency"]').inputValue(),
    };
    expect(await page.getByTestId('revenue-table').locator('tbody tr').count()).toBe(12);

    const csvHref = await page.getByTestId('download-csv').getAttribute('href');
    const csv = await apiFetch(ctx.server, new URL(csvHref!, ctx.server.url));
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);

    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(consoleErrors).toEqual([]);
    await page.close();

    await stopServer(ctx.server);
    const expected = await expectedDefaultInvoiced(path.join(ctx.dataDir, 'warehouse.duckdb'));
    expect(shown).toEqual({
      minor: expected.invoicedMinor.toString(),
      text: formatMoney(expected.invoicedMinor, expected.currency),
      currency: expected.currency,
    });
  }, 60_000);
});
