/**
 * Browser test of the collections workflow against the production server on the seeded demo:
 * a collector opens /collections, opens the top case (keyboard), logs a call, records a promise,
 * approves a proposed reminder, downloads the reminder as .eml and PDF; then the billing system polls and
 * acknowledges the outbox through /api/v1. Needs build/ (`npx vite build` first) and Chromium.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openPage, screenshotPath, useServerAndBrowser, apiFetch } from './support.ts';

describe('collections workflow', () => {
  const ctx = useServerAndBrowser({ LEDGERLENS_SYNC_EVERY_MINUTES: '0' });

  it('works a case from the queue to the outbox', async () => {
    const { page, consoleErrors } = await openPage(ctx, { as: 'anna.petrova@ledgerlens.demo' });
    const response = await page.goto(`${ctx.server.url}/collections`);
    expect(response?.status()).toBe(200);
    const rows = page.locator('[data-testid="collections-queue"] tbody tr');
    expect(await rows.count()).toBeGreaterThan(3);
    await expect.poll(() => page.getByRole('link', { name: 'Collections', exact: true }).getAttribute('aria-current')).toBe('page');
    const topCustomer = (await rows.nth(0).locator('th').innerText()).split('\n')[0]!;
    // Hydrated: the keyboard moves the selection (j down, k up) and Enter opens it.
    await page.waitForFunction(() => document.querySelector('tr.cursor') !== null);
    await page.keyboard.press('j');
    await expect.poll(() => rows.nth(1).getAttribute('class')).toContain('cursor');
    await page.keyboard.press('k');
    await expect.poll(() => rows.nth(0).getAttribute('class')).toContain('cursor');
    await page.screenshot({ path: screenshotPath('collections.png'), fullPage: true });
    await Promise.all([page.waitForURL(/\/collections\/cases\/\d+$/), page.keyboard.press('Enter')]);
    expect(await page.locator('h1').innerText()).toBe(topCustomer);
    expect(await page.locator('[data-testid="case-invoices"] tbody tr').count()).toBeGreaterThan(0);

    // Log a call.
    const call = page.getByRole('form', { name: 'Log a call' });
    await call.locator('select[name="channel"]').selectOption('call');
    await call.locator('select[name="outcome"]').selectOption('reached');
    await call.locator('textarea[name="text"]').fill('Spoke to accounts payable; payment next week');
    await call.getByRole('button', { name: 'Log a call' }).click();
    await expect.poll(() => page.getByTestId('contacts').innerText()).toContain('Spoke to accounts payable');

    // Record a promise.
    const promise = page.getByRole('form', { name: 'Record a promise' });
    await promise.locator('input[name="amount"]').fill('150.00');
    await promise.locator('input[name="date"]').fill('2099-01-15');
    await promise.getByRole('button', { name: 'Record promise' }).click();
    await expect.poll(() => page.getByTestId('promises').innerText()).toContain('by 2099-01-15');

    // Approve the first proposed reminder.
    const reminderRow = page.locator('[data-testid="case-actions"] tbody tr', { hasText: 'reminder' }).filter({ hasText: 'proposed' }).first();
    const step = await reminderRow.locator('td').first().innerText();
    await reminderRow.getByTestId('approve').click();
    await expect.poll(() => page.locator('[data-testid="case-actions"] tbody tr', { hasText: 'approved' }).count()).toBe(1);
    const history = await page.getByTestId('history').innerText();
    expect(history).toMatch(/Contact logged[\s\S]*Promise recorded[\s\S]*Action approved/);
    expect(await page.getByTestId('form-error').count()).toBe(0);

    // The reminder letter.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('letter-en').click()]);
    expect(download.suggestedFilename()).toMatch(/^reminder-case-\d+-en\.eml$/);
    const eml = fs.readFileSync((await download.path())!, 'utf8');
    expect(eml).toContain('Content-Type: text/plain; charset=UTF-8');
    const text = Buffer.from(eml.split('\r\n\r\n')[1]!, 'base64').toString('utf8');
    const firstInvoice = (await page.locator('[data-testid="case-invoices"] tbody tr th').first().innerText()).trim();
    expect(text).toContain(`Invoice ${firstInvoice}`);
    expect(text).toMatch(/Late fees accrued to date: /);
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('letter-pdf-en').click()]);
    expect(fs.readFileSync((await pdf.path())!).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    await page.screenshot({ path: screenshotPath('case.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);

    // The billing system polls the outbox and acknowledges, twice.
    const api = `${ctx.server.url}/api/v1/collections/outbox`;
    const pending = (await (await apiFetch(ctx.server, api)).json()) as { entries: { id: string; payload: { step: string; kind: string } }[] };
    expect(pending.entries).toHaveLength(1);
    expect(pending.entries[0]!.payload).toMatchObject({ step, kind: 'reminder' });
    const id = pending.entries[0]!.id;
    const ack1 = await apiFetch(ctx.server, `${api}/${id}/ack`, { method: 'POST' });
    expect(await ack1.json()).toMatchObject({ repeated: false, entry: { id } });
    const ack2 = await apiFetch(ctx.server, `${api}/${id}/ack`, { method: 'POST' });
    expect(await ack2.json()).toMatchObject({ repeated: true });
    expect(((await (await apiFetch(ctx.server, api)).json()) as { entries: unknown[] }).entries).toEqual([]);
    expect((await apiFetch(ctx.server, `${api}/999999/ack`, { method: 'POST' })).status).toBe(404);
  });
});
