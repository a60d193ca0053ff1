/**
 * Browser test of the escalation policy editor, disputes and saved queue views against the
 * production server on the seeded demo: a manager edits a step, previews it on real cases, sees a
 * per-field error, saves version 2; a collector marks an invoice disputed on a case page; then
 * saves the "open dispute" queue filter as a view and applies it from its link.
 * Needs build/ (`npx vite build` first) and Chromium.
 */
import { describe, expect, it } from 'vitest';
import { openPage, screenshotPath, useServerAndBrowser } from './support.ts';

describe('escalation policy, disputes and saved views', () => {
  const ctx = useServerAndBrowser({ LEDGERLENS_SYNC_EVERY_MINUTES: '0' });

  it('edits, previews and saves the policy as a new version', async () => {
    const { page, consoleErrors } = await openPage(ctx);
    expect((await page.goto(`${ctx.server.url}/collections/policy`))?.status()).toBe(200);
    await expect.poll(() => page.getByTestId('active-version').innerText()).toMatch(/^Version 1 is active/);
    expect(await page.getByTestId('policy-steps').innerText()).toMatch(/Reminder 2\s+10\s+any amount\s+Send a reminder/);
    expect(await page.getByTestId('late-fee-words').innerText()).toContain('12 % a year');
    // Hydrated (the editor's buttons work only with JS).
    await page.waitForSelector('form[aria-label="Edit policy"][data-hydrated="true"]');

    // A wrong value is refused beside its field, and nothing is saved.
    const days = page.getByLabel('Step 2 days past due');
    await days.fill('ten');
    await page.getByTestId('save').click();
    await expect.poll(() => page.locator('.field-error').first().innerText()).toBe('Days past due must be a whole number ≥ 1, not "ten"');
    expect(await page.getByTestId('policy-error').innerText()).toContain('Nothing was saved');

    // Reminder 2 two days later: preview on real cases first (records nothing), then save.
    await days.fill('12');
    await page.getByTestId('preview').click();
    await expect.poll(() => page.getByTestId('preview-result').isVisible()).toBe(true);
    expect(await page.getByTestId('preview-result').innerText()).toMatch(/Dry run on \d+ open cases/);
    expect(await page.locator('.field-error').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('policy-preview.png'), fullPage: true });

    await page.locator('input[name="comment"]').fill('Reminder 2 two days later');
    await page.getByTestId('save').click();
    await expect.poll(() => page.getByTestId('saved').innerText()).toContain('Saved as version 2');
    await expect.poll(() => page.getByTestId('active-version').innerText()).toMatch(/^Version 2 is active/);
    expect(await page.getByTestId('policy-steps').innerText()).toMatch(/Reminder 2\s+12\s+/);
    expect(await page.getByTestId('policy-history').innerText()).toMatch(/Version 2 \(active\)[\s\S]*Reminder 2 two days later[\s\S]*Step "Reminder 2": days past due 10 → 12[\s\S]*Version 1/);
    // The editor now edits version 2.
    expect(await page.getByTestId('save').innerText()).toBe('Save as version 3');
    await page.screenshot({ path: screenshotPath('policy-saved.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
  });

  it('marks an invoice disputed on a case page, then saves and applies a queue view', async () => {
    const { page, consoleErrors } = await openPage(ctx);
    await page.goto(`${ctx.server.url}/collections`);
    const customer = (await page.locator('[data-testid="collections-queue"] tbody tr').nth(0).locator('th').innerText()).split('\n')[0]!;
    await Promise.all([page.waitForURL(/\/collections\/cases\/\d+$/), page.getByTestId('open-case').first().click()]);
    await page.waitForFunction(() => document.querySelector('form[aria-label="Mark an invoice disputed"] button') !== null);
    const invoice = (await page.locator('[data-testid="case-invoices"] tbody tr th').first().innerText()).trim();
    const form = page.getByRole('form', { name: 'Mark an invoice disputed' });
    await form.locator('select[name="invoiceId"]').selectOption({ label: invoice });
    await form.locator('textarea[name="reason"]').fill('Customer says the March usage is double-counted');
    await form.getByRole('button', { name: 'Mark disputed' }).click();
    await expect.poll(() => page.getByTestId('disputes').innerText()).toContain('double-counted');
    const row = page.locator('[data-testid="case-invoices"] tbody tr', { hasText: invoice }).first();
    expect(await row.innerText()).toMatch(/disputed[\s\S]*held: disputed/);
    expect(await page.getByTestId('history').innerText()).toContain('Dispute opened');
    expect(await page.getByTestId('form-error').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('case-disputed.png'), fullPage: true });

    // The queue filtered to open disputes shows that customer only; saved as a view, applied from its link.
    await page.goto(`${ctx.server.url}/collections?disputed=1`);
    const rows = page.locator('[data-testid="collections-queue"] tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain(customer);
    await page.waitForFunction(() => document.querySelector('form[aria-label="Save view"]') !== null);
    const save = page.getByRole('form', { name: 'Save view' });
    await save.locator('input[name="name"]').fill('Open disputes');
    await save.getByRole('button', { name: 'Save view' }).click();
    await expect.poll(() => page.getByTestId('view-link').count()).toBe(1);

    await page.goto(`${ctx.server.url}/collections`);
    expect(await rows.count()).toBeGreaterThan(1);
    await Promise.all([page.waitForURL(/disputed=1/), page.getByTestId('view-link').filter({ hasText: 'Open disputes' }).click()]);
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain(customer);
    expect(await page.locator('input[name="disputed"]').isChecked()).toBe(true);
    await page.screenshot({ path: screenshotPath('queue-view.png'), fullPage: true });

    // A bad filter in the URL is a 400 with a message, not a 500.
    const bad = await page.goto(`${ctx.server.url}/collections?minDays=-1`);
    expect(bad?.status()).toBe(400);
    expect(consoleErrors.filter((e) => !e.includes('400'))).toEqual([]);
  });
});
