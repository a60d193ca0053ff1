/**
 * Browser test of the churn pages on the seeded demo (production server, fresh data directory): the
 * first sync scores every customer with the shipped model and proposes retention bonuses. The model
 * card shows the card's holdout figures; a high-risk customer's explanation lists reasons in words;
 * /retention/bonuses approves one proposal into the outbox and refuses a decision without a name.
 * Needs build/ (`npx vite build` first) and Chromium.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPage, ROOT, screenshotPath, useServerAndBrowser, apiFetch } from './support.ts';

describe('churn risk and retention bonus pages', () => {
  const ctx = useServerAndBrowser({ LEDGERLENS_SYNC_EVERY_MINUTES: '0' });

  it('shows the model card, a customer explanation and decides a bonus', async () => {
    const card = JSON.parse(fs.readFileSync(path.join(ROOT, 'models/churn/default/card.json'), 'utf8')) as { modelId: string; metrics: { holdout: { rocAuc: number } } };
    const { page, consoleErrors } = await openPage(ctx);

    await page.goto(`${ctx.server.url}/models/churn`);
    expect(await page.getByTestId('model-id').innerText()).toBe(card.modelId);
    expect(await page.getByTestId('holdout-auc').innerText()).toBe(card.metrics.holdout.rocAuc.toFixed(3));
    expect(await page.getByTestId('gates').innerText()).toBe('all passed');
    await expect.poll(() => page.locator('[data-testid="calibration-chart"] canvas').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="calibration-table"] tbody tr').count()).toBe(10);
    const topRows = page.locator('[data-testid="top-risk"] tbody tr');
    expect(await topRows.count()).toBe(20);
    expect(await topRows.first().locator('.band').innerText()).toBe('High risk');
    await page.screenshot({ path: screenshotPath('churn-model-card.png'), fullPage: true });

    // The riskiest customer's explanation.
    const firstLink = topRows.first().locator('a');
    const customerId = await firstLink.innerText();
    await Promise.all([page.waitForURL(new RegExp(`/customers/${customerId}/risk$`)), firstLink.click()]);
    expect(await page.getByTestId('risk-band').innerText()).toBe('High risk');
    const reasons = page.locator('[data-testid="risk-reasons"] li');
    expect(await reasons.count()).toBeGreaterThan(0);
    expect(await reasons.first().innerText()).toMatch(/\+\d+(\.\d)? points/);
    expect(await page.locator('[data-testid="risk-features"] tbody tr').count()).toBe(26);
    await page.screenshot({ path: screenshotPath('churn-customer-risk.png'), fullPage: true });

    // Unknown and malformed customers: a clear 404 / 400, not a 500.
    expect((await apiFetch(ctx.server, `${ctx.server.url}/customers/nobody/risk`)).status).toBe(404);
    expect((await apiFetch(ctx.server, `${ctx.server.url}/customers/${encodeURIComponent('bad id!')}/risk`)).status).toBe(400);

    // Retention bonuses: proposals from the first sync.
    await page.goto(`${ctx.server.url}/retention/bonuses`);
    const proposals = page.locator('[data-testid="bonus-proposals"] tbody tr[data-bonus]');
    const before = await proposals.count();
    expect(before).toBeGreaterThan(0);
    // Without a name the decision is refused with a message.
    await proposals.first().getByTestId('approve').click();
    await expect.poll(() => page.getByTestId('bonus-error').isVisible()).toBe(true);
    expect(await page.getByTestId('bonus-error').innerText()).toContain('Type your name');
    await page.getByTestId('decided-by').fill('Анна Смирнова');
    const bonusId = await proposals.first().getAttribute('data-bonus');
    await proposals.first().getByTestId('approve').click();
    await expect.poll(() => page.getByTestId('bonus-done').isVisible().catch(() => false)).toBe(true);
    expect(await page.getByTestId('bonus-done').innerText()).toBe(`Approved bonus ${bonusId}`);
    await expect.poll(() => proposals.count()).toBe(before - 1);
    expect(await page.locator('[data-testid="bonus-decided"]').innerText()).toContain('Анна Смирнова');
    expect(await page.getByTestId('uplift-value').innerText()).toBe('—'); // no window has ended yet
    await page.screenshot({ path: screenshotPath('churn-retention-bonuses.png'), fullPage: true });

    // /retention carries the programme's headline beside the retention figures: the approval above counts.
    await page.goto(`${ctx.server.url}/retention`);
    const summary = page.getByTestId('retention-bonuses-summary');
    expect(await summary.innerText()).toContain('approved 1');
    expect(await summary.innerText()).toContain('no outcomes yet');
    await page.screenshot({ path: screenshotPath('retention.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
  });
});
