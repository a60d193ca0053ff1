/**
 * Browser test of the receivables pages and API against the production server, started on an
 * empty data directory (it seeds the embedded demo and runs the first sync).
 * Needs build/ (`npx vite build` first) and Chromium (see ./support.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatCount } from '../../app/lib/format.ts';
import { formatAmount } from '../../app/lib/money.ts';
import { openPage, queryWarehouseFile, screenshotPath, stopServer, useServerAndBrowser, apiFetch } from './support.ts';

const SCREENSHOT = screenshotPath('receivables.png');
const DRILL_SCREENSHOT = screenshotPath('receivables-invoices.png');
const TIMEZONE = 'Europe/Moscow';

/** A day `daysAgo` before today in the business time zone, YYYY-MM-DD (computed here, not with the app's helper). */
function businessDay(daysAgo: number): string {
  const instant = new Date(Date.now() - daysAgo * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIMEZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/**
 * Open RUB balances at the end of `asOf` in the business time zone, straight from the staging
 * tables (not the marts the page reads): finalized invoices issued by then and not voided by then,
 * less the allocations applied and the credit notes issued by then.
 */
async function expectedOpenRub(warehouseFile: string, asOf: string): Promise<{ open: bigint; invoices: bigint }> {
  const [row] = await queryWarehouseFile<{ open: bigint; invoices: bigint }>(
    warehouseFile,
    `
      with k as (
        select timezone(business_timezone, (date '${asOf}' + 1)::timestamp) as cutoff from meta.settings
      ), balances as (
        select i.id, i.total_minor
          - coalesce((select sum(a.amount_minor) from staging.stg_billing__payment_allocations a where a.invoice_id = i.id and a.allocated_at < k.cutoff), 0)
          - coalesce((select sum(n.amount_minor) from staging.stg_billing__credit_notes n
                      where n.invoice_id = i.id and n.status = 'issued' and n.issued_at < k.cutoff), 0) as open_minor
        from staging.stg_billing__invoices i cross join k
        where i.currency = 'RUB' and i.status in ('open', 'paid', 'uncollectible', 'void') and i.issued_at < k.cutoff
          and (i.status <> 'void' or i.voided_at is null or i.voided_at >= k.cutoff)
      )
      select coalesce(sum(open_minor), 0)::hugeint as open, count(*) filter (where open_minor <> 0) as invoices from balances`,
  );
  return { open: BigInt(row.open), invoices: BigInt(row.invoices) };
}

describe('receivables page', () => {
  const ctx = useServerAndBrowser({ LEDGERLENS_SYNC_EVERY_MINUTES: '0', LEDGERLENS_TIMEZONE: TIMEZONE });

  it('shows the RUB aging total equal to the open balances, drills into a bucket and switches the CEI variant', async () => {
    const asOf = businessDay(10);
    const { page, consoleErrors } = await openPage(ctx);

    const response = await page.goto(`${ctx.server.url}/receivables?asOf=${asOf}&groupBy=segment&currency=RUB`);
    expect(response?.status()).toBe(200);
    await page.waitForSelector('[data-testid="aging-trend-chart"][data-ready="true"]', { timeout: 30_000 });
    await page.waitForSelector('[data-testid="dso-chart"][data-ready="true"]', { timeout: 30_000 });

    const totalRow = page.getByTestId('aging-total-RUB');
    const totalCell = totalRow.locator('td.sum');
    const shown = { minor: await totalCell.getAttribute('data-minor'), text: (await totalCell.textContent())?.trim() };
    const shownInvoices = (await totalRow.locator('td').first().textContent())?.trim();
    // Buckets add up to the total on the page too.
    const bucketMinors = await totalRow.locator('td[data-bucket]').evaluateAll((tds) => tds.map((td) => td.getAttribute('data-minor')!));
    expect(bucketMinors).toHaveLength(6);
    expect(bucketMinors.reduce((s, m) => s + BigInt(m), 0n).toString()).toBe(shown.minor);

    // The API says the same, bigints as strings.
    const api = (await (await apiFetch(ctx.server, `${ctx.server.url}/api/v1/receivables/aging?asOf=${asOf}&groupBy=currency`)).json()) as {
      totals: { currency: string; total: string }[];
    };
    expect(api.totals.find((t) => t.currency === 'RUB')?.total).toBe(shown.minor);

    // Bad-debt reserve: the total is the sum of its lines; a rate typed in the form (100 %) reserves the whole bucket.
    const reserveLines = () => page.getByTestId('reserve-line-RUB').evaluateAll((tds) => tds.map((td) => BigInt(td.getAttribute('data-minor')!)));
    const reserveTotal = async () => BigInt((await page.getByTestId('reserve-total-RUB').getAttribute('data-minor'))!);
    expect(await reserveLines()).toHaveLength(6);
    expect((await reserveLines()).reduce((s, m) => s + m, 0n)).toBe(await reserveTotal());
    await expect.poll(() => page.getByTestId('reserve-definition').textContent()).toMatch(/observed loss rate = later written off \/ open at past month ends/);
    await page.locator('tbody[data-currency="RUB"] input[name="lr.RUB"]').first().fill('100');
    await Promise.all([page.waitForURL(/lr\.RUB=100/), page.getByTestId('reserve-apply').click()]);
    expect(page.url()).toContain(`asOf=${asOf}`);
    const edited = await reserveLines();
    expect(edited[0]!.toString()).toBe(bucketMinors[0]);
    expect(edited.reduce((s, m) => s + m, 0n)).toBe(await reserveTotal());
    await page.waitForSelector('[data-testid="dso-chart"][data-ready="true"]', { timeout: 30_000 });

    // Metrics: 12 months, CEI as period sales.
    expect(await page.getByTestId('metrics-table').locator('tbody tr').count()).toBe(12);
    expect(await page.getByTestId('cei-selected').textContent()).toMatch(/Period sales/);
    // Month-end AR of the metrics (marts.receivables_monthly) equals the trend's month-end totals (the aging query).
    const metricsAr = await page.getByTestId('metrics-ar').evaluateAll((tds) => tds.map((td) => td.getAttribute('data-minor')));
    const trend = (await (await apiFetch(ctx.server, `${ctx.server.url}/api/v1/receivables/aging/trend?currency=RUB&asOf=${asOf}`)).json()) as {
      points: { asOf: string; total: string }[];
    };
    expect(trend.points).toHaveLength(12);
    expect(metricsAr).toEqual(trend.points.map((p) => p.total));
    const ceiBefore = await page.locator('[data-testid="metrics-table"] td[data-metric="cei"]').evaluateAll((tds) => tds.map((td) => td.getAttribute('data-value')));

    // Drill from the largest non-empty overdue bucket of the RUB total into its invoices.
    const link = totalRow.locator('td[data-bucket]:not([data-bucket="0"]) a').first();
    const cellMinor = await link.locator('xpath=..').getAttribute('data-minor');
    await Promise.all([page.waitForURL(/\/receivables\/invoices\?/), link.click()]);
    expect(await page.getByTestId('drill-sum').getAttribute('data-minor')).toBe(cellMinor);
    const count = Number(await page.getByTestId('drill-count').getAttribute('data-count'));
    expect(count).toBeGreaterThan(0);
    expect(await page.getByTestId('invoices-table').locator('tbody tr').count()).toBe(Math.min(count, 50));
    const csv = await apiFetch(ctx.server, new URL((await page.getByTestId('invoices-csv').getAttribute('href'))!, ctx.server.url));
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const csvLines = (await csv.text()).trimEnd().split('\r\n');
    expect(csvLines).toHaveLength(count + 1);
    fs.mkdirSync(path.dirname(DRILL_SCREENSHOT), { recursive: true });
    await page.screenshot({ path: DRILL_SCREENSHOT, fullPage: true });

    // Back to the report, then switch the CEI variant.
    await Promise.all([page.waitForURL(/\/receivables\?/), page.getByTestId('back-to-aging').click()]);
    await Promise.all([page.waitForURL(/cei=average_monthly_sales/), page.getByTestId('cei-switch').click()]);
    await page.waitForSelector('[data-testid="aging-trend-chart"][data-ready="true"]', { timeout: 30_000 });
    expect(await page.getByTestId('cei-selected').textContent()).toMatch(/Average monthly sales/);
    expect(await page.locator('select[name="cei"]').inputValue()).toBe('average_monthly_sales');
    const ceiAfter = await page.locator('[data-testid="metrics-table"] td[data-metric="cei"]').evaluateAll((tds) => tds.map((td) => td.getAttribute('data-value')));
    expect(ceiAfter).toHaveLength(ceiBefore.length);
    expect(ceiAfter).not.toEqual(ceiBefore);
    expect(page.url()).toContain(`asOf=${asOf}`);

    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(consoleErrors).toEqual([]);
    await page.close();

    await stopServer(ctx.server);
    const expected = await expectedOpenRub(path.join(ctx.dataDir, 'warehouse.duckdb'), asOf);
    expect(shown).toEqual({ minor: expected.open.toString(), text: formatAmount(expected.open, 'RUB', 'en-US') });
    expect(shownInvoices).toBe(formatCount(expected.invoices));
  }, 120_000);
});
