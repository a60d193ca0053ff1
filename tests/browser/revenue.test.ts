/**
 * Browser test of the revenue page against the production server.
 * Needs build/ (run `npx vite build` first) and Chromium at /usr/bin/chromium (or CHROMIUM_PATH).
 * Starts `app/serve.ts` with PORT=0 on a data directory made by prepareDataDir().
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../app/lib/money.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
// Startup may seed the embedded billing DB and run a first sync.
const STARTUP_TIMEOUT_MS = 300_000;
const SCREENSHOT = path.join(ROOT, 'test-results', 'revenue.png');

/**
 * The data the server will use: an empty directory, so the server does what it does for a newcomer —
 * creates the embedded billing database, seeds the demo data and runs the first sync.
 */
async function prepareDataDir(): Promise<string> {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerlens-browser-'));
}

interface ExpectedKpi {
  readonly currency: string;
  readonly invoicedMinor: bigint;
}

/**
 * What the page's default view must show, computed with independent SQL straight from the file:
 * the currency with the most invoiced, the 12 months ending at the latest month, invoiced summed.
 * Runs after the server stopped (it holds the DuckDB file lock), so it sees whatever the server's
 * startup sync left in the warehouse.
 */
async function expectedDefaultInvoiced(warehouseFile: string): Promise<ExpectedKpi> {
  const instance = await DuckDBInstance.create(warehouseFile);
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(`
      with top as (
        select currency from marts.revenue_monthly group by currency order by sum(invoiced_minor) desc, currency limit 1
      ), period as (
        select max(month) as last_month, max(month) - interval 11 month as first_month from marts.revenue_monthly
      )
      select top.currency, coalesce(sum(m.invoiced_minor), 0)::hugeint as invoiced
      from top cross join period
      left join marts.revenue_monthly m
        on m.currency = top.currency and m.month between period.first_month and period.last_month
      group by top.currency`);
    const [row] = reader.getRowObjectsJS() as { currency: string; invoiced: bigint }[];
    return { currency: row.currency, invoicedMinor: row.invoiced };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

interface RunningServer {
  readonly url: string;
  readonly child: ChildProcess;
  readonly output: string[];
}

/** Starts the production server and resolves with its URL once it logged `{"event":"listening"}`. */
function startServer(dataDir: string): Promise<RunningServer> {
  // `node --import tsx` keeps it one process, so SIGTERM reaches the server itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'app/serve.ts'], {
    cwd: ROOT,
    env: { ...process.env, LEDGERLENS_DATA_DIR: dataDir, PORT: '0', ORIGIN: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not log "listening" in time:\n${output.join('')}`)), STARTUP_TIMEOUT_MS);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${output.join('')}`));
    });
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line + '\n');
      try {
        const event = JSON.parse(line) as { event?: string; url?: string };
        if (event.event === 'listening' && event.url) {
          clearTimeout(timer);
          resolve({ url: event.url, child, output });
        }
      } catch {
        // not a JSON log line
      }
    });
  });
}

async function waitForHealthy(url: string, server: RunningServer): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let last = '';
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`server exited:\n${server.output.join('')}`);
    const res = await fetch(`${url}/api/v1/health`).catch((err: Error) => ({ status: 0, text: async () => err.message }));
    if (res.status === 200) return;
    last = `${res.status} ${await res.text()}`;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`health never returned 200 (last: ${last})`);
}

async function stopServer(server: RunningServer | undefined): Promise<void> {
  if (!server || server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  const timeout = setTimeout(() => server.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timeout);
}

describe('revenue page', () => {
  let dataDir: string;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    if (!fs.existsSync(path.join(ROOT, 'build', 'handler.js'))) {
      throw new Error('build/handler.js is missing: run `npx vite build` before the browser tests');
    }
    if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
    dataDir = await prepareDataDir();
    server = await startServer(dataDir);
    await waitForHealthy(server.url, server);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  }, STARTUP_TIMEOUT_MS * 2);

  afterAll(async () => {
    await browser?.close();
    await stopServer(server);
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('shows the default period, with the invoiced KPI equal to the warehouse sum', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    const consoleErrors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
    page.on('pageerror', (err) => consoleErrors.push(err.message));

    const response = await page.goto(`${server!.url}/revenue`);
    expect(response?.status()).toBe(200);
    await page.waitForSelector('[data-testid="revenue-chart"][data-ready="true"]', { timeout: 30_000 });

    const kpi = page.getByTestId('kpi-invoiced');
    const shown = {
      minor: await kpi.getAttribute('data-minor'),
      text: (await kpi.textContent())?.trim(),
      currency: await page.locator('select[name="currency"]').inputValue(),
    };
    expect(await page.getByTestId('revenue-table').locator('tbody tr').count()).toBe(12);

    const csvHref = await page.getByTestId('download-csv').getAttribute('href');
    const csv = await fetch(new URL(csvHref!, server!.url));
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);

    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(consoleErrors).toEqual([]);
    await page.close();

    await stopServer(server);
    const expected = await expectedDefaultInvoiced(path.join(dataDir, 'warehouse.duckdb'));
    expect(shown).toEqual({
      minor: expected.invoicedMinor.toString(),
      text: formatMoney(expected.invoicedMinor, expected.currency),
      currency: expected.currency,
    });
  }, 60_000);
});
