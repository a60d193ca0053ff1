/**
 * Browser test of the ladder analytics page on the seeded demo (production server, fresh data
 * directory): the first start replays the policy over the last 12 months in the background; the page
 * shows the simulated figures, one checked against the step-level export; a second replay runs from
 * the button with its progress; recorded actions (none yet) show the empty state. Needs build/
 * (`npx vite build` first) and Chromium.
 */
import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../app/lib/money.ts';
import { openPage, screenshotPath, useServerAndBrowser, apiFetch } from './support.ts';

interface LadderJson {
  running: { id: string } | null;
  runs: { id: string; status: string; steps: number }[];
  report: { query: { from: string; to: string }; funnel: { stepId: string; currency: string; stepsTaken: number }[] };
}

function parseCsv(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trim().split('\r\n').map((l) => l.split(','));
  return lines.map((fields) => Object.fromEntries(header!.map((h, i) => [h, fields[i]!])));
}

describe('ladder analytics page', () => {
  const ctx = useServerAndBrowser({ LEDGERLENS_SYNC_EVERY_MINUTES: '0' });

  const ladderJson = async (query = '') => (await (await apiFetch(ctx.server, `${ctx.server.url}/api/v1/collections/ladder${query}`)).json()) as LadderJson;

  /**
   * The newest replay run not among `known`, once it has ended (a 12-month replay takes seconds on a
   * quiet machine, minutes on a busy one: the wait is on the run's status, bounded by the test's timeout).
   */
  const endedReplay = async (known: readonly string[] = []): Promise<LadderJson['runs'][number]> => {
    for (;;) {
      const json = await ladderJson();
      const run = json.runs.find((r) => !known.includes(r.id));
      if (run && run.status !== 'running' && json.running?.id !== run.id) return run;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  };

  it('shows the replayed ladder, checks a figure, runs another replay and the empty recorded view', async () => {
    // The first start's replay (background, a few seconds at demo scale; the seeded copy holds its result).
    expect((await endedReplay()).status).toBe('succeeded');

    const { page, consoleErrors } = await openPage(ctx);
    await page.goto(`${ctx.server.url}/collections`);
    await Promise.all([page.waitForURL(/\/collections\/ladder$/), page.getByRole('link', { name: 'Ladder analytics' }).click()]);
    await expect.poll(() => page.getByTestId('simulated-banner').isVisible()).toBe(true);
    expect(await page.getByTestId('simulated-banner').innerText()).toContain('Simulated.');

    // Reminder 1 in RUB against the step-level export of the same view.
    const steps = parseCsv(await (await apiFetch(ctx.server, `${ctx.server.url}/api/v1/collections/ladder?format=csv&table=steps`)).text());
    const reminders = steps.filter((s) => s.step_id === 'reminder-1' && s.currency === 'RUB');
    expect(reminders.length).toBeGreaterThan(100);
    const row = page.locator('[data-testid="ladder-funnel-RUB"] tr[data-step="reminder-1"]');
    expect(await row.getByTestId('steps-taken').innerText()).toBe(reminders.length.toLocaleString('en-US'));
    const reached = reminders.reduce((sum, s) => sum + BigInt(s.amount_reached_minor!), 0n);
    expect(await row.getByTestId('amount-reached').innerText()).toBe(formatMoney(reached, 'RUB'));
    // Cured + written off + moved on + still open = reached, for every step (the export's outcomes).
    const byOutcome = new Map<string, number>();
    for (const s of reminders) byOutcome.set(s.outcome!, (byOutcome.get(s.outcome!) ?? 0) + 1);
    expect([...byOutcome.values()].reduce((a, b) => a + b, 0)).toBe(reminders.length);
    expect(await row.locator('td.outcome').first().innerText()).toContain(`${(byOutcome.get('cured') ?? 0).toLocaleString('en-US')} steps`);

    await page.waitForFunction(() => document.querySelector('[data-testid="ladder-chart-RUB"] canvas') !== null);
    expect(await page.getByTestId('agency-fee-rate').innerText()).toBe('25%');
    expect(await page.getByTestId('suspension-recovery').locator('tbody tr').count()).toBeGreaterThanOrEqual(3);
    expect(await page.getByTestId('ladder-definitions').innerText()).toContain('moved on');
    await page.screenshot({ path: screenshotPath('ladder.png'), fullPage: true });

    // Another replay from the button: progress, then its result.
    const before = (await ladderJson()).runs;
    await page.getByTestId('run-replay').click();
    const replay = await endedReplay(before.map((r) => r.id));
    expect(replay).toMatchObject({ id: String(before.length + 1), status: 'succeeded' });
    await expect.poll(() => page.getByTestId('replay-status').innerText(), { timeout: 10_000 }).toMatch(new RegExp(`Latest replay #${before.length + 1} .*succeeded`));

    // Recorded actions: nobody approved anything on the fresh demo.
    await page.getByTestId('ladder-source').selectOption('recorded');
    await Promise.all([page.waitForURL(/source=recorded/), page.getByRole('button', { name: 'Apply' }).click()]);
    expect(await page.getByTestId('ladder-empty').innerText()).toContain('run a policy replay');
    expect(consoleErrors).toEqual([]);

    // Bad input: a clear 400.
    const bad = await apiFetch(ctx.server, `${ctx.server.url}/api/v1/collections/ladder?from=2026-02-30`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'BAD_FROM', param: 'from' } });
    expect((await page.goto(`${ctx.server.url}/collections/ladder?source=nonsense`))?.status()).toBe(400);
    // A second replay of 12 months runs inside this test: on a busy 2-core machine it alone can take a minute or two (see endedReplay).
  }, 300_000);
});
