/**
 * Browser test of notebooks and the SQL explorer against the production server on a seeded demo
 * data directory: a notebook's figure follows its parameter and is in the notebook's PDF, the
 * explorer shows rows and refuses a write. Needs build/ (`npx vite build` first) and Chromium (see ./support.ts).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPage, ROOT, screenshotPath, useServerAndBrowser, apiFetch } from './support.ts';

describe('notebooks and SQL explorer', () => {
  // A copy of the shipped notebooks: the test saves new ones, the repository's folder stays as it is.
  const notebooksDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerlens-notebooks-'));
  afterAll(() => fs.rmSync(notebooksDir, { recursive: true, force: true }));
  for (const f of fs.readdirSync(path.join(ROOT, 'notebooks'))) fs.copyFileSync(path.join(ROOT, 'notebooks', f), path.join(notebooksDir, f));
  const ctx = useServerAndBrowser({ LEDGERLENS_SYNC_EVERY_MINUTES: '0', LEDGERLENS_NOTEBOOKS_DIR: notebooksDir });

  it('opens the board pack, changes the currency and sees the revenue figure change', async () => {
    const { page, consoleErrors } = await openPage(ctx);
    await page.goto(`${ctx.server.url}/notebooks`);
    await Promise.all([page.waitForURL(/\/notebooks\/monthly-board-pack/), page.getByTestId('notebook-link-monthly-board-pack').click()]);
    await page.waitForSelector('[data-testid="chart-revenue"][data-ready="true"]', { timeout: 30_000 });
    expect(await page.getByTestId('notebook-title').textContent()).toBe('Monthly board pack');
    expect(await page.locator('[role="alert"]').count()).toBe(0);
    const firstCell = () => page.getByTestId('result-revenue').locator('tbody tr').first().locator('td').nth(1).textContent();
    const rub = await firstCell();
    await page.screenshot({ path: screenshotPath('notebook-board-pack.png'), fullPage: true });

    await page.locator('select[name="currency"]').selectOption('USD');
    await Promise.all([page.waitForURL(/currency=USD/), page.getByTestId('notebook-apply').click()]);
    await page.waitForSelector('[data-testid="chart-revenue"][data-ready="true"]', { timeout: 30_000 });
    const usd = await firstCell();
    expect(usd).not.toBe(rub);
    expect(await page.locator('select[name="currency"]').inputValue()).toBe('USD');

    // One block's whole result, with the same parameters, as a download.
    const csvHref = await page.getByTestId('download-revenue-csv').getAttribute('href');
    expect(csvHref).toContain('currency=USD');
    const blockCsv = await apiFetch(ctx.server, new URL(csvHref!, ctx.server.url));
    expect(blockCsv.status).toBe(200);
    expect((await blockCsv.text()).split(/\r?\n/)[0]).toMatch(/^month,invoiced,/);

    // The whole notebook as PDF, with the parameters on screen: the figure the page shows is in its text.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('notebook-export-pdf').click()]);
    const pdf = path.join(notebooksDir, 'board-pack.pdf');
    await download.saveAs(pdf);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('Monthly board pack');
    expect(text).toContain('USD');
    expect(text.replace(/\s+/g, ' ')).toContain(usd!.trim().replace(/\s+/g, ' ').split(' ')[0]!);
    // Its first pages as pictures, to look at beside the page's screenshot.
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', pdf, screenshotPath('notebook-board-pack-pdf')]);
    expect(consoleErrors).toEqual([]);
    await page.close();
  }, 120_000);

  it('edits a notebook with a live preview and saves it', async () => {
    const { page, consoleErrors } = await openPage(ctx);
    await page.goto(`${ctx.server.url}/notebooks/scratch/edit`);
    await page.waitForSelector('[data-testid="chart-revenue"][data-ready="true"]', { timeout: 30_000 });
    const source = page.getByTestId('notebook-source');
    await source.fill(`${await source.inputValue()}\n\`\`\`sql name=broken\nselect nope from marts.revenue_monthly\n\`\`\`\n`);
    await page.getByTestId('block-error-broken').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('block-error-broken').textContent()).toMatch(/scratch\.md, line \d+.*nope/s);
    await page.screenshot({ path: screenshotPath('notebook-editor.png'), fullPage: true });
    await Promise.all([page.waitForURL(/\/notebooks\/scratch$/), page.getByTestId('notebook-save').click()]);
    expect(fs.readFileSync(path.join(notebooksDir, 'scratch.md'), 'utf8')).toContain('select nope');
    expect(consoleErrors.filter((e) => !/500|400/.test(e))).toEqual([]);
    await page.close();
    expect((await apiFetch(ctx.server, `${ctx.server.url}/notebooks/..%2Fpackage/edit`)).status).toBe(400);
  }, 120_000);

  it('runs a query in the explorer, refuses a write and saves a query as a notebook', async () => {
    const { page, consoleErrors } = await openPage(ctx);
    await page.goto(`${ctx.server.url}/explore`);
    await page.getByTestId('schema-browser').getByText('revenue_monthly').first().waitFor();
    await page.getByTestId('explore-sql').fill("select currency, count(*) as months, sum(invoiced_minor) as invoiced_minor\nfrom marts.revenue_monthly\ngroup by currency\norder by currency");
    await Promise.all([page.waitForURL(/\/explore\?sql=/), page.getByTestId('explore-run').click()]);
    const rows = page.getByTestId('explore-result').locator('tbody tr');
    expect(await rows.count()).toBe(3);
    expect(await rows.first().locator('td').first().textContent()).toBe('EUR');
    const csv = await apiFetch(ctx.server, new URL((await page.getByTestId('explore-csv').getAttribute('href'))!, ctx.server.url));
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect((await csv.text()).split(/\r?\n/)[0]).toBe('currency,months,invoiced_minor');
    await page.screenshot({ path: screenshotPath('explore.png'), fullPage: true });

    await page.getByTestId('explore-save-name').fill('invoiced-by-currency');
    await Promise.all([page.waitForURL(/\/notebooks\/invoiced-by-currency$/), page.getByTestId('explore-save').click()]);
    expect(await page.getByTestId('result-result').locator('tbody tr').count()).toBe(3);

    await page.goto(`${ctx.server.url}/explore?sql=${encodeURIComponent('delete from marts.revenue_monthly')}`);
    expect(await page.getByTestId('explore-error').textContent()).toMatch(/DELETE statements are refused/);
    await page.screenshot({ path: screenshotPath('explore-refused.png'), fullPage: true });
    const after = await apiFetch(ctx.server, `${ctx.server.url}/explore/download?sql=${encodeURIComponent('select count(*) as n from marts.revenue_monthly')}`);
    expect(Number((await after.text()).split(/\r?\n/)[1])).toBeGreaterThan(0);
    expect(consoleErrors).toEqual([]);
    await page.close();
  }, 120_000);
});
