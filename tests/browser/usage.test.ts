/**
 * Browser test of the usage and preferences pages against the production server, started on an
 * empty data directory (it seeds the embedded demo and runs the first sync). Each page's headline
 * figure is checked against independent SQL on the staging views (not the marts the pages read).
 * Needs build/ (`npx vite build` first) and Chromium (see ./support.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPage, queryWarehouseFile, screenshotPath, stopServer, useServerAndBrowser, apiFetch } from './support.ts';

const USAGE_SCREENSHOT = screenshotPath('usage.png');
const USAGE_DATA_SCREENSHOT = screenshotPath('usage-data.png');
const PREFERENCES_SCREENSHOT = screenshotPath('preferences.png');

interface Shown {
  usage: { from: string; to: string; quantity: string };
  preferences: { from: string; to: string; moves: string; heldAtEnd: bigint };
}

describe('usage and preferences pages', () => {
  const ctx = useServerAndBrowser({ LEDGERLENS_SYNC_EVERY_MINUTES: '0', LEDGERLENS_TIMEZONE: 'Europe/Moscow' });
  const shown: Partial<Shown> = {};

  it('shows consumers\' voice usage with its heatmap, peaks and exports, and switches to data in GB', async () => {
    const { page, consoleErrors } = await openPage(ctx);
    const response = await page.goto(`${ctx.server.url}/usage?service=voice&segment=consumer`);
    expect(response?.status()).toBe(200);
    for (const chart of ['usage-heatmap', 'day-of-month-chart', 'month-of-year-chart', 'per-customer-chart']) {
      await page.waitForSelector(`[data-testid="${chart}"][data-ready="true"]`, { timeout: 30_000 });
    }
    const from = await page.locator('input[name="from"]').inputValue();
    const to = await page.locator('input[name="to"]').inputValue();
    const quantity = (await page.getByTestId('usage-total').getAttribute('data-quantity'))!;
    shown.usage = { from, to, quantity };
    expect(Number(quantity)).toBeGreaterThan(0);
    expect(await page.getByTestId('daily-share').textContent()).toMatch(/^\d+\.\d%$/);

    // The heatmap export: 7 × 24 cells at most, shares adding to 100 %.
    const csv = await apiFetch(ctx.server, new URL((await page.getByTestId('heatmap-csv').getAttribute('href'))!, ctx.server.url));
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('service,unit,segment,region,from,to,iso_weekday,weekday,local_hour,quantity,share');
    expect(lines.length - 1).toBeGreaterThan(100);
    expect(lines.length - 1).toBeLessThanOrEqual(168);
    expect(lines.slice(1).reduce((s, l) => s + Number(l.split(',').at(-1)), 0)).toBeCloseTo(1, 3);
    // Consumers call in the evening (the demo's pattern): their busiest slot of the week is between 18:00 and 23:00.
    const topSlot = await page.getByTestId('peak-slots-table').locator('tbody tr').first().locator('th').textContent();
    expect(topSlot).toMatch(/(18|19|20|21|22):00–/);
    expect(await page.getByTestId('top-consumers-table').locator('tbody tr').count()).toBe(20);
    fs.mkdirSync(path.dirname(USAGE_SCREENSHOT), { recursive: true });
    await page.screenshot({ path: USAGE_SCREENSHOT, fullPage: true });

    // Switch the service with the picker: data, shown in GB.
    await page.getByTestId('service-picker').selectOption('data:mb');
    await Promise.all([page.waitForURL(/service=data&unit=mb/), page.getByTestId('usage-apply').click()]);
    await page.waitForSelector('[data-testid="usage-heatmap"][data-ready="true"]', { timeout: 30_000 });
    expect(await page.getByTestId('usage-total').textContent()).toMatch(/ GB$/);
    await page.screenshot({ path: USAGE_DATA_SCREENSHOT, fullPage: false });

    const bad = await page.goto(`${ctx.server.url}/usage?from=2026-13`);
    expect(bad?.status()).toBe(400);
    expect(await page.textContent('body')).toContain('is not a month');
    expect(consoleErrors.filter((e) => !/400/.test(e))).toEqual([]);
    await page.close();
  }, 120_000);

  it('shows plan mix, migrations, adoption and frequency', async () => {
    const { page, consoleErrors } = await openPage(ctx);
    const response = await page.goto(`${ctx.server.url}/preferences`);
    expect(response?.status()).toBe(200);
    for (const chart of ['plan-mix-chart', 'migrations-chart', 'adoption-chart']) {
      await page.waitForSelector(`[data-testid="${chart}"][data-ready="true"]`, { timeout: 30_000 });
    }
    const from = await page.locator('input[name="from"]').inputValue();
    const to = await page.locator('input[name="to"]').inputValue();
    const moves = (await page.getByTestId('migration-total').getAttribute('data-count'))!;
    const tierCounts = await page.getByTestId('tier-table').locator('td[data-count]').evaluateAll((tds) => tds.map((td) => BigInt(td.getAttribute('data-count')!)));
    shown.preferences = { from, to, moves, heldAtEnd: tierCounts.reduce((s, n) => s + n, 0n) };
    expect(BigInt(moves)).toBeGreaterThan(0n);
    // Demo customers hold mobile and home internet side by side: some add-ons exist.
    expect(Number(await page.getByTestId('addon-share').getAttribute('data-share'))).toBeGreaterThan(0);
    expect(await page.getByTestId('frequency-table').locator('tbody tr').count()).toBeGreaterThanOrEqual(3);
    const combos = await apiFetch(ctx.server, new URL((await page.getByTestId('combinations-csv').getAttribute('href'))!, ctx.server.url));
    const comboLines = (await combos.text()).trimEnd().split('\r\n');
    expect(comboLines.slice(1).reduce((s, l) => s + Number(l.split(',').at(-1)), 0)).toBeCloseTo(1, 5);
    await page.screenshot({ path: PREFERENCES_SCREENSHOT, fullPage: true });
    expect(consoleErrors).toEqual([]);
    await page.close();
  }, 120_000);

  it('agrees with independent SQL on the staging views', async () => {
    await stopServer(ctx.server);
    const file = path.join(ctx.dataDir, 'warehouse.duckdb');
    const u = shown.usage!;
    const [usage] = await queryWarehouseFile<{ quantity: string }>(
      file,
      `select sum(u.quantity)::varchar as quantity
       from staging.stg_billing__usage_records u join staging.stg_billing__customers c on c.id = u.customer_id
       where u.service = 'voice' and u.unit = 'minute' and c.segment = 'consumer'
         and u.bucket_start_local >= date '${u.from}-01' and u.bucket_start_local < date '${u.to}-01' + interval 1 month`,
    );
    expect(u.quantity).toBe(usage!.quantity);

    // Moves: first versions (starts), versions whose plan code differs from the previous one, and
    // ends of last versions, by local month of the event, straight from staging.
    const p = shown.preferences!;
    const [moves] = await queryWarehouseFile<{ n: bigint; held: bigint }>(
      file,
      `with v as (
         select sv.subscription_id, sv.valid_from_local, sv.valid_to_local, pl.code,
           lag(pl.code) over (partition by sv.subscription_id order by sv.valid_from, sv.id) as previous_code,
           lead(sv.id) over (partition by sv.subscription_id order by sv.valid_from, sv.id) is null as is_last
         from staging.stg_billing__subscription_versions sv join staging.stg_billing__plans pl on pl.id = sv.plan_id
       ), k as (select date '${p.from}-01' as first_day, date '${p.to}-01' + interval 1 month as after_last)
       select
         (select count(*) from v, k where (previous_code is null or previous_code <> code) and valid_from_local >= first_day and valid_from_local < after_last)
         + (select count(*) from v, k where is_last and valid_to_local >= first_day and valid_to_local < after_last) as n,
         (select count(*) from v, k where valid_from_local < after_last and (valid_to_local is null or valid_to_local >= after_last)) as held`,
    );
    expect(p.moves).toBe(moves!.n.toString());
    expect(p.heldAtEnd).toBe(BigInt(moves!.held));
  }, 60_000);
});
