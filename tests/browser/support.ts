/**
 * Shared set-up of the browser tests: the production server (`app/serve.ts`, PORT=0) on a data
 * directory of the test's own, and headless Chromium. Needs build/ (`npx vite build` first) and
 * Chromium at /usr/bin/chromium (or CHROMIUM_PATH). The server helpers are in server.ts, the seeded
 * template the data directories are copied from in template.ts.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { CHROMIUM, ROOT, STARTUP_TIMEOUT_MS, sessionToken, startHealthyServer, stopServer, type RunningServer } from './server.ts';
import { seededTemplate } from './template.ts';

export { apiFetch, DEMO_ADMIN, ROOT, sessionToken, signInAsDemoUser, startHealthyServer, startServer, STARTUP_TIMEOUT_MS, stopServer, waitForHealthy, type RunningServer } from './server.ts';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Where a test's screenshot goes: test-results/<name>. */
export function screenshotPath(name: string): string {
  return path.join(ROOT, 'test-results', name);
}

/**
 * The data the server will use: an empty directory, so the server does what it does for a newcomer —
 * creates the embedded billing database, seeds the demo data and runs the first sync.
 */
export async function prepareDataDir(): Promise<string> {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerlens-browser-'));
}

/** A copy of the seeded template (template.ts) for one test file: made by the global set-up, or here if nobody did. */
async function seededDataDir(): Promise<string> {
  const template = await seededTemplate(inject('browserTemplateRoot'));
  const dir = await prepareDataDir();
  fs.cpSync(template, dir, { recursive: true });
  return dir;
}

/**
 * Independent SQL on a warehouse file: opens it, runs `sql` and closes it again. Call it after the
 * server stopped (it holds the DuckDB file lock).
 */
export async function queryWarehouseFile<T>(warehouseFile: string, sql: string): Promise<T[]> {
  const instance = await DuckDBInstance.create(warehouseFile);
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(sql);
    return reader.getRowObjectsJS() as T[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export interface BrowserTestContext {
  readonly dataDir: string;
  readonly server: RunningServer;
  readonly browser: Browser;
}

/**
 * The set-up of a browser test file, registered as its beforeAll/afterAll: a data directory of its
 * own (a copy of the seeded template, or with `fresh` an empty one, so the server does a newcomer's
 * first start), the production server on it (with `env`), healthy, and Chromium; afterwards all
 * closed and removed. Read the returned context inside tests (its fields throw before beforeAll ran).
 */
export function useServerAndBrowser(env: Record<string, string> = {}, options: { fresh?: boolean; browser?: boolean } = {}): BrowserTestContext {
  let dataDir: string | undefined;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    dataDir = options.fresh ? await prepareDataDir() : await seededDataDir();
    server = await startHealthyServer(dataDir, env);
    // Tests that only fetch (tests/access/) need no Chromium.
    if (options.browser !== false) browser = await launchBrowser();
  }, STARTUP_TIMEOUT_MS * 4);

  afterAll(async () => {
    await browser?.close();
    await stopServer(server);
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not set up: beforeAll did not run or failed`);
    return value;
  };
  return {
    get dataDir() {
      return started(dataDir, 'the data directory');
    },
    get server() {
      return started(server, 'the server');
    },
    get browser() {
      return started(browser, 'the browser');
    },
  };
}

/**
 * A page signed in as a demo user (default the demo admin) that collects console errors and
 * uncaught exceptions into the returned array.
 */
export async function openPage(ctx: Pick<BrowserTestContext, 'browser' | 'server'>, options: { as?: string | null } = {}): Promise<{ page: Page; consoleErrors: string[] }> {
  const context = await ctx.browser.newContext({ viewport: { width: 1280, height: 900 } });
  if (options.as !== null) {
    await context.addCookies([{ name: 'ledgerlens_session', value: await sessionToken(ctx.server, options.as), url: ctx.server.url, httpOnly: true, sameSite: 'Lax' }]);
  }
  const page = await context.newPage();
  page.on('close', () => void context.close().catch(() => undefined));
  const consoleErrors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(err.message));
  return { page, consoleErrors };
}
