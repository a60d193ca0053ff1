/**
 * Browser test of the MRR, movements and retention pages against the production server, started on
 * an empty data directory (it seeds the embedded demo and runs the first sync).
 * Needs build/ (`npx vite build` first) and Chromium (see ./support.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPage, queryWarehouseFile, screenshotPath, stopServer, useServerAndBrowser, apiFetch } from './support.ts';

const TIMEZONE = 'Europe/Moscow';

/**
 * RUB MRR at the close of `month` and the customers paying then and at the previous close, straight
 * from the staging subscription versions (not the marts the pages read): versions in force at the
 * close (00:00 on the 1st of the next month, business time zone), not in trial, price / billing months
 * rounded half away from zero per subscription.
 */
async function expectedRub(warehouseFile: string, month: string): Promise<{ mrr: bigint; customers: bigint; openingCustomers: bigint }> {
  const [row] = await queryWarehouseFile<{ mrr: bigint; customers: bigint; opening: bigint }>(
    warehouseFile,
    `
      with closes as (
        select timezone(business_timezone, (date '${month}-01' + interval 1 month)::timestamp) as close_at,
               timezone(business_timezone, (date '${month}-01')::timestamp) as previous_close_at
        from meta.settings
      ),
      at_close as (
        select k.which, s.customer_id, round(v.price_minor::decimal(38, 6) / p.billing_period_months)::bigint as mrr
        from staging.stg_billing__subscription_versions v
        join staging.stg_billing__subscriptions s on s.id = v.subscription_id
        join staging.stg_billing__plans p on p.id = v.plan_id
        cross join (select 'now' as which, close_at as t from closes union all select 'before', previous_close_at from closes) k
        where v.currency = 'RUB' and v.valid_from <= k.t and (v.valid_to is null or v.valid_to > k.t)
          and not coalesce(s.trial_ends_at > k.t, false)
      ),
      per_customer as (select which, customer_id, sum(mrr) as mrr from at_close group by all)
      select
        coalesce(sum(mrr) filter (where which = 'now'), 0)::hugeint as mrr,
        count(*) filter (where which = 'now' and mrr > 0) as customers,
        count(*) filter (where which = 'before' and mrr > 0) as opening
      from per_customer`,
  );
  return { mrr: BigInt(row!.mrr), customers: BigInt(row!.customers), openingCustomers: BigInt(row!.opening) };
}

describe('MRR and retention pages', () => {
  const ctx = useServerAndBrowser({ LEDGERLENS_SYNC_EVERY_MINUTES: '0', LEDGERLENS_TIMEZONE: TIMEZONE });

  it('shows RUB MRR equal to the subscription versions, a bridge that closes, a drill-down that sums to its cell, and retention with cohorts', async () => {
    const { page, consoleErrors } = await openPage(ctx);
    const base = ctx.server.url;

    // /mrr, quarters compared, by segment
    const res = await page.goto(`${base}/mrr?currency=RUB&groupBy=segment`);
    expect(res?.status()).toBe(200);
    await page.waitForSelector('[data-testid="mrr-trend-chart"][data-ready="true"]', { timeout: 30_000 });
    await page.waitForSelector('[data-testid="mrr-bridge-chart"][data-ready="true"]', { timeout: 30_000 });
    const shownMrr = await page.getByTestId('kpi-mrr').getAttribute('data-raw');
    const rows = page.getByTestId('bridge-table').locator('tbody tr');
    const lastPeriod = (await rows.last().getAttribute('data-period'))!;
    expect(await rows.last().getByTestId('closing-mrr').getAttribute('data-minor')).toBe(shownMrr);
    // every row: opening + gains − losses = closing, and the next row opens where this one closed
    const table = await rows.evaluateAll((trs) => trs.map((tr) => {
      const minor = (sel: string) => BigInt(tr.querySelector(sel)!.getAttribute('data-minor')!);
      return {
        opening: minor('td:nth-of-type(1)'), closing: minor('[data-testid="closing-mrr"]'),
        moves: ['new', 'reactivation', 'expansion', 'contraction', 'churn'].map((k) => minor(`td[data-kind="${k}"]`)),
      };
    }));
    expect(table.length).toBeGreaterThan(6);
    for (const [i, r] of table.entries()) {
      const [n, re, ex, co, ch] = r.moves as [bigint, bigint, bigint, bigint, bigint];
      expect(r.opening + n + re + ex - co - ch).toBe(r.closing);
      if (i > 0) expect(r.opening).toBe(table[i - 1]!.closing);
    }
    // the breakdown by segment adds up to the total
    const segmentMrr = await page.getByTestId('breakdown-table').locator('tbody tr td:nth-of-type(1)').evaluateAll((tds) => tds.map((td) => BigInt(td.getAttribute('data-minor')!)));
    expect(segmentMrr.reduce((s, m) => s + m, 0n).toString()).toBe(shownMrr);
    expect(await page.getByTestId('settings-note').textContent()).toMatch(/Past due counts as churn: off/);
    expect(await page.getByTestId('definitions').textContent()).toMatch(/rounded once to the minor unit/);
    fs.mkdirSync(path.dirname(screenshotPath('mrr.png')), { recursive: true });
    await page.screenshot({ path: screenshotPath('mrr.png'), fullPage: true });

    // drill into the largest churn figure of the table
    const churnCells = await rows.locator('td[data-kind="churn"] a').evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href')!, minor: a.parentElement!.getAttribute('data-minor')! })));
    expect(churnCells.length).toBeGreaterThan(0);
    const biggest = churnCells.reduce((a, b) => (BigInt(b.minor) > BigInt(a.minor) ? b : a));
    await page.goto(new URL(biggest.href, base).toString());
    expect(await page.getByTestId('drill-sum').getAttribute('data-minor')).toBe((-BigInt(biggest.minor)).toString());
    const count = Number(await page.getByTestId('drill-count').getAttribute('data-count'));
    expect(await page.getByTestId('movements-table').locator('tbody tr').count()).toBe(Math.min(count, 50));
    const csv = await apiFetch(ctx.server, new URL((await page.getByTestId('movements-csv').getAttribute('href'))!, base));
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const csvLines = (await csv.text()).trimEnd().split('\r\n');
    expect(csvLines).toHaveLength(count + 1);
    expect(csvLines.slice(1).reduce((s, l) => s + BigInt(l.split(',').at(-7)!), 0n)).toBe(-BigInt(biggest.minor));
    await page.screenshot({ path: screenshotPath('mrr-movements.png'), fullPage: true });

    // a setting changes the figures and travels in the URL
    await page.goto(`${base}/mrr?currency=RUB`);
    await page.locator('input[name="past_due_churn_days"]').fill('30');
    await Promise.all([page.waitForURL(/past_due_churn_days=30/), page.locator('[data-testid="mrr-form"] button[type="submit"]').click()]);
    expect(await page.getByTestId('settings-note').textContent()).toMatch(/Past due counts as churn: after 30 days/);
    expect(BigInt((await page.getByTestId('kpi-mrr').getAttribute('data-raw'))!)).toBeLessThanOrEqual(BigInt(shownMrr!));

    // /retention
    expect((await page.goto(`${base}/retention?currency=RUB`))?.status()).toBe(200);
    await page.waitForSelector('[data-testid="retention-trend-chart"][data-ready="true"]', { timeout: 30_000 });
    await page.waitForSelector('[data-testid="cohort-logo-chart"][data-ready="true"]', { timeout: 30_000 });
    await page.waitForSelector('[data-testid="cohort-revenue-chart"][data-ready="true"]', { timeout: 30_000 });
    const retentionRows = page.getByTestId('retention-table').locator('tbody tr');
    expect(await retentionRows.last().getAttribute('data-key')).toBe(lastPeriod);
    const openingCustomers = (await retentionRows.last().locator('td').first().textContent())!.trim();
    const nrr = await retentionRows.last().locator('td[data-metric="nrr"]').getAttribute('data-value');
    const api = (await (await apiFetch(ctx.server, `${base}/api/v1/retention?currency=RUB`)).json()) as { rows: { period: string; nrr: number | null }[] };
    expect(String(api.rows.find((r) => r.period === lastPeriod)?.nrr ?? '')).toBe(nrr);
    await page.screenshot({ path: screenshotPath('retention.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
    await page.close();

    await stopServer(ctx.server);
    const expected = await expectedRub(path.join(ctx.dataDir, 'warehouse.duckdb'), lastPeriod);
    expect(shownMrr).toBe(expected.mrr.toString());
    expect(openingCustomers).toBe(new Intl.NumberFormat('en-US').format(expected.openingCustomers));
  }, 180_000);
});
