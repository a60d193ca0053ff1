/**
 * Browser test of the data-quality page and the sync/quarantine API against the production server,
 * started on an empty data directory (it seeds the embedded demo and runs the first, full sync).
 * Needs build/ (`npx vite build` first) and Chromium (see ./support.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPage, queryWarehouseFile, screenshotPath, stopServer, useServerAndBrowser, apiFetch, type RunningServer } from './support.ts';

const SCREENSHOT = screenshotPath('data-quality.png');

interface WarehouseFacts {
  readonly quarantinedRows: bigint;
  readonly succeededRuns: bigint;
}

/** Independent SQL on the warehouse file, after the server stopped (it holds the DuckDB file lock). */
async function warehouseFacts(warehouseFile: string): Promise<WarehouseFacts> {
  const [row] = await queryWarehouseFile<{ quarantined: bigint; succeeded: bigint }>(
    warehouseFile,
    `
      select
        (select count(*) from (select distinct table_name, row_id from staging.contract_violations)) as quarantined,
        (select count(*) from meta.sync_runs where status = 'succeeded') as succeeded`,
  );
  return { quarantinedRows: row.quarantined, succeededRuns: row.succeeded };
}

async function getJson<T>(server: RunningServer, url: string, init?: RequestInit): Promise<{ status: number; body: T }> {
  const res = await apiFetch(server, url, init);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return { status: res.status, body: (await res.json()) as T };
}

type ApiError = { error: { code: string; message: string; param?: string } };

describe('data-quality page and API', () => {
  // No scheduled syncs: the test counts the runs.
  const ctx = useServerAndBrowser({ LEDGERLENS_SYNC_EVERY_MINUTES: '0' });

  it('runs an incremental sync on POST /api/v1/sync and lists it', async () => {
    const api = `${ctx.server.url}/api/v1`;
    const sync = await getJson<{ summary: { mode: string; status: string; reconciliationOk: boolean; runId: number }; run: { runId: string; status: string } }>(
      ctx.server,
      `${api}/sync?mode=incremental`,
      { method: 'POST' },
    );
    expect(sync.status).toBe(200);
    expect(sync.body.summary).toMatchObject({ mode: 'incremental', status: 'succeeded', reconciliationOk: true });
    expect(sync.body.run).toMatchObject({ runId: String(sync.body.summary.runId), status: 'succeeded' });

    const runs = await getJson<{ runs: { runId: string; mode: string; status: string }[] }>(ctx.server, `${api}/sync/runs`);
    expect(runs.body.runs.map((r) => [r.mode, r.status])).toEqual([
      ['incremental', 'succeeded'],
      ['full', 'succeeded'],
    ]);

    const detail = await getJson<{ tables: unknown[]; reconciliation: { sourceValue: string; warehouseValue: string; ok: boolean }[] }>(
      ctx.server,
      `${api}/sync/runs/${sync.body.summary.runId}`,
    );
    expect(detail.status).toBe(200);
    expect(detail.body.tables).toHaveLength(10);
    expect(detail.body.reconciliation.length).toBeGreaterThan(0);
    expect(detail.body.reconciliation.every((c) => c.ok && typeof c.sourceValue === 'string' && c.sourceValue === c.warehouseValue)).toBe(true);

    const bad: [string, RequestInit | undefined, number, string][] = [
      [`${api}/sync?mode=partial`, { method: 'POST' }, 400, 'BAD_MODE'],
      [`${api}/sync/runs/abc`, undefined, 400, 'BAD_RUN_ID'],
      [`${api}/sync/runs/999`, undefined, 404, 'RUN_NOT_FOUND'],
      [`${api}/quarantine/rows?table=raw.invoices&rule=negative_total`, undefined, 400, 'BAD_TABLE'],
      [`${api}/quarantine/rows?table=invoices&rule=DROP`, undefined, 400, 'BAD_RULE'],
      [`${api}/quarantine/rows?table=invoices&rule=negative_total&limit=0`, undefined, 400, 'BAD_LIMIT'],
      [`${api}/quarantine/rows?table=invoices&rule=negative_total&format=xml`, undefined, 400, 'BAD_FORMAT'],
    ];
    for (const [url, init, status, code] of bad) {
      const res = await getJson<ApiError>(ctx.server, url, init);
      expect([res.status, res.body.error.code], url).toEqual([status, code]);
    }
  });

  it('shows that the warehouse reconciles, the quarantine count, and one rule\'s rows', async () => {
    const { page, consoleErrors } = await openPage(ctx);
    const response = await page.goto(`${ctx.server.url}/data-quality`);
    expect(response?.status()).toBe(200);

    expect(await page.getByTestId('reconciliation-status').textContent()).toMatch(/Reconciled/);
    const checks = page.getByTestId('reconciliation').locator('tbody tr');
    expect(await checks.count()).toBeGreaterThan(10);
    expect(await checks.count()).toBe(await page.getByTestId('reconciliation').locator('tbody tr[data-ok="true"]').count());
    expect(await page.getByTestId('last-sync-status').textContent()).toMatch(/succeeded/);
    expect(await page.getByTestId('sync-runs').locator('tbody tr[data-status]').count()).toBe(2);
    expect(await page.locator('nav[aria-label="Main"] a[href="/data-quality"]').getAttribute('aria-current')).toBe('page');
    expect(await page.locator('a:has([data-testid="sync-badge"])').getAttribute('href')).toBe('/data-quality');
    const shownCount = await page.getByTestId('quarantine-total').locator('[data-count]').getAttribute('data-count');
    const shownText = (await page.getByTestId('quarantine-total').textContent())?.trim();
    const summaryRules = await page.getByTestId('quarantine-summary').locator('tbody tr[data-rule]').count();
    expect(summaryRules).toBeGreaterThan(0);

    // open the rows of invoices quarantined as negative_total
    await page.locator('tr[data-table="invoices"][data-rule="negative_total"] [data-testid="quarantine-open"]').click();
    await page.waitForSelector('[data-testid="quarantine-rows"]');
    expect(new URL(page.url()).searchParams.get('rule')).toBe('negative_total');
    const rowsList = page.getByTestId('quarantine-rows');
    expect(await rowsList.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await rowsList.locator('tbody').textContent()).toMatch(/total_minor is -\d+/);

    const csvHref = await page.getByTestId('quarantine-csv').getAttribute('href');
    const csv = await apiFetch(ctx.server, new URL(csvHref!, ctx.server.url));
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toContain('quarantine_invoices_negative_total.csv');
    expect((await csv.text()).split('\r\n')[0]).toBe('table,row_id,rule,detail');

    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(consoleErrors).toEqual([]);
    await page.close();

    await stopServer(ctx.server);
    const facts = await warehouseFacts(path.join(ctx.dataDir, 'warehouse.duckdb'));
    expect(facts.succeededRuns).toBe(2n);
    expect(shownCount).toBe(facts.quarantinedRows.toString());
    expect(shownText).toBe(new Intl.NumberFormat('en-US').format(facts.quarantinedRows));
  }, 60_000);
});
