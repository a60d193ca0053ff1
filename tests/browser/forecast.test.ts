/**
 * Browser test of the forecast page against the production server (needs build/ and Chromium; see
 * ./support.ts). The server's first sync is followed by the forecast run; the test waits for it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StoredForecast } from '../../app/lib/forecast/types.ts';
import { openPage, queryWarehouseFile, screenshotPath, stopServer, useServerAndBrowser, apiFetch, type RunningServer } from './support.ts';

const SCREENSHOT = screenshotPath('forecast.png');

async function waitForForecasts(server: RunningServer): Promise<{ runDate: string; forecasts: StoredForecast[] }> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    const body = (await (await apiFetch(server, '/api/v1/forecasts')).json()) as { runDate: string; forecasts: StoredForecast[] };
    if (body.forecasts.length > 0 || Date.now() > deadline) return body;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

describe('forecast page', () => {
  const ctx = useServerAndBrowser();

  it('shows each series with its model, backtest and chart; history reconciles to the revenue mart, cash to the open receivables', async () => {
    const api = await waitForForecasts(ctx.server);
    expect(api.forecasts.length).toBeGreaterThan(0);
    const totals = api.forecasts.filter((f) => f.measure === 'invoiced' && f.segment === null);
    const cash = api.forecasts.filter((f) => f.measure === 'cash_collection');
    const mrr = api.forecasts.filter((f) => f.measure === 'mrr');
    expect(totals.length).toBeGreaterThan(0);
    expect(cash.map((f) => f.currency).sort()).toEqual(totals.map((f) => f.currency).sort());
    expect(mrr.filter((f) => !f.plan).map((f) => f.currency).sort()).toEqual(totals.map((f) => f.currency).sort());
    expect(mrr.some((f) => f.plan)).toBe(true);
    for (const f of api.forecasts) {
      expect(f.points).toHaveLength(f.measure === 'cash_collection' ? 13 : 12);
      for (const p of f.points) expect(p.lower95 <= p.lower80 && p.lower80 <= p.mean && p.mean <= p.upper80 && p.upper80 <= p.upper95).toBe(true);
      expect(f.model).toMatch(f.measure === 'cash_collection' ? /payment-delay/ : /ETS|ARIMA|Theta|naive/i);
    }
    for (const f of cash) {
      expect(f.frequency).toBe('week');
      expect(f.backtest.origins).toBeGreaterThan(0);
      expect(f.backtest.byWeek).toHaveLength(13);
      // Never more cash than is open.
      expect(f.points.reduce((s, p) => s + p.mean, 0)).toBeLessThanOrEqual(f.params.open_minor + 13);
    }
    // The total is the sum of its segments, month by month.
    for (const total of totals) {
      const segments = api.forecasts.filter((f) => f.currency === total.currency && f.segment !== null);
      for (const h of total.history.slice(-6)) {
        const sum = segments.reduce((s, f) => s + (f.history.find((x) => x.period === h.period)?.value ?? 0), 0);
        expect(sum).toBe(h.value);
      }
    }

    const bad = await apiFetch(ctx.server, `${ctx.server.url}/api/v1/forecasts?run_date=2026-13-45`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('BAD_RUN_DATE');

    const { page, consoleErrors } = await openPage(ctx);
    const response = await page.goto(`${ctx.server.url}/forecast`);
    expect(response?.status()).toBe(200);
    await page.waitForSelector('[data-testid="forecast-chart"][data-ready="true"]', { timeout: 30_000 });
    const first = totals[0];
    const panel = page.getByTestId(`forecast-${first.seriesKey}`);
    expect((await panel.getByTestId('forecast-model').textContent())?.trim()).toBe(`Model: ${first.model}`);
    expect(await panel.getByTestId('forecast-backtest').textContent()).toContain('sMAPE');
    expect(await page.locator('[data-testid="forecast-chart"]').count()).toBe(api.forecasts.length);
    const cashPanel = page.getByTestId(`forecast-${cash[0].seriesKey}`);
    expect(await cashPanel.getByTestId('cash-summary').textContent()).toContain('Expected in the next 13 weeks');
    expect(await cashPanel.getByTestId('forecast-backtest').textContent()).toContain('Weekly WAPE');
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(consoleErrors).toEqual([]);
    expect((await page.goto(`${ctx.server.url}/forecast?run_date=nope`))?.status()).toBe(400);
    await page.close();

    await stopServer(ctx.server);
    // Independent SQL: the last complete month of each currency's history equals the mart's sum.
    for (const total of totals) {
      const last = total.history[total.history.length - 1];
      const [row] = await queryWarehouseFile<{ v: bigint }>(path.join(ctx.dataDir, 'warehouse.duckdb'),
        `select coalesce(sum(invoiced_minor), 0)::bigint as v from marts.revenue_monthly where currency = '${total.currency.replace(/[^A-Z]/g, '')}' and month = DATE '${last.period.replace(/[^0-9-]/g, '')}'`);
      expect(Number(row.v)).toBe(last.value);
    }
    // The cash forecast starts from exactly the receivables open at the start of its run date.
    for (const f of cash) {
      const [row] = await queryWarehouseFile<{ v: bigint }>(path.join(ctx.dataDir, 'warehouse.duckdb'),
        `select coalesce(sum(open_minor), 0)::bigint as v from (
           select invoice_id, sum(amount_minor) as open_minor from marts.fct_invoice_balance_changes
           where currency = '${f.currency.replace(/[^A-Z]/g, '')}'
             and changed_at < timezone((select business_timezone from meta.settings), DATE '${f.runDate.replace(/[^0-9-]/g, '')}'::TIMESTAMP)
           group by invoice_id) where open_minor > 0`);
      expect(Number(row.v)).toBe(f.params.open_minor);
    }
  }, 400_000);
});
