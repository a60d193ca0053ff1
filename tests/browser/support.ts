/**
 * Shared set-up of the browser tests: the production server (`app/serve.ts`, PORT=0) on a data
 * directory of the test's own, and headless Chromium. Needs build/ (`npx vite build` first) and
 * Chromium at /usr/bin/chromium (or CHROMIUM_PATH).
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Startup may seed the embedded billing DB and run a first sync. */
export const STARTUP_TIMEOUT_MS = Number(process.env.LEDGERLENS_TEST_STARTUP_MS) || 300_000; // more on a crowded machine

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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A data directory as a newcomer's first start leaves it (demo seeded, first sync, and what follows
 * it: churn scores, collections run, forecasts, the first ladder replay), made once per test run by
 * whichever browser test asks first, and copied for each test file. Seeding and the first sync cost
 * about a minute on 2 cores; the revenue test still walks the first start itself (`fresh`).
 */
async function seededDataDir(): Promise<string> {
  const root = inject('browserTemplateRoot');
  const template = path.join(root, 'data');
  const ready = path.join(root, 'ready');
  const lock = path.join(root, 'lock');
  const deadline = Date.now() + STARTUP_TIMEOUT_MS * 3;
  while (!fs.existsSync(ready)) {
    if (Date.now() > deadline) throw new Error(`the seeded browser template in ${root} was not ready in time`);
    try {
      fs.mkdirSync(lock); // atomic: one test file builds, the others wait for "ready"
    } catch {
      await sleep(500);
      continue;
    }
    try {
      fs.mkdirSync(template, { recursive: true });
      // A first start seeds, syncs and runs what follows the sync: on a busy 2-core machine that has taken over 300 s.
      const server = await startHealthyServer(template, { LEDGERLENS_SYNC_EVERY_MINUTES: '0' }, STARTUP_TIMEOUT_MS * 2);
      try {
        // The first ladder replay runs in the background after the first sync; the copy must hold its result.
        for (;;) {
          const body = (await (await apiFetch(server, '/api/v1/collections/ladder')).json()) as { runs: { status: string }[] };
          const status = body.runs[0]?.status;
          if (status === 'succeeded') break;
          if (status && status !== 'running') throw new Error(`the first ladder replay ended ${status}`);
          if (Date.now() > deadline) throw new Error('the first ladder replay did not finish in time');
          await sleep(500);
        }
      } finally {
        await stopServer(server);
      }
      fs.writeFileSync(ready, new Date().toISOString());
    } catch (err) {
      fs.rmSync(template, { recursive: true, force: true });
      fs.rmSync(lock, { recursive: true, force: true });
      throw err;
    }
  }
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

export interface RunningServer {
  readonly url: string;
  readonly child: ChildProcess;
  readonly output: string[];
}

/** Starts the production server and resolves with its URL once it logged `{"event":"listening"}`. */
export function startServer(dataDir: string, env: Record<string, string> = {}): Promise<RunningServer> {
  // `node --import tsx` keeps it one process, so SIGTERM reaches the server itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'app/serve.ts'], {
    cwd: ROOT,
    env: { ...process.env, LEDGERLENS_DATA_DIR: dataDir, PORT: '0', ORIGIN: '', ...env },
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

export async function waitForHealthy(url: string, server: RunningServer, timeoutMs: number = STARTUP_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`server exited:\n${server.output.join('')}`);
    const res = await fetch(`${url}/api/v1/health`).catch((err: Error) => ({ status: 0, text: async () => err.message }));
    // Health answers as soon as the services are up; the pages a moment later, once serve.ts loaded the SvelteKit handler.
    if (res.status === 200 && (await fetch(`${url}/login`, { redirect: 'manual' }).then((r) => r.status, () => 0)) !== 503) return;
    last = `${res.status} ${await res.text()}`;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`health never returned 200 (last: ${last})`);
}

export async function stopServer(server: RunningServer | undefined): Promise<void> {
  if (!server || server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  const timeout = setTimeout(() => server.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timeout);
}

/** Checks the prerequisites (build/, Chromium), then starts the server on `dataDir` and waits for health 200. */
export async function startHealthyServer(dataDir: string, env: Record<string, string> = {}, timeoutMs: number = STARTUP_TIMEOUT_MS): Promise<RunningServer> {
  if (!fs.existsSync(path.join(ROOT, 'build', 'handler.js'))) {
    throw new Error('build/handler.js is missing: run `npx vite build` before the browser tests');
  }
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  const server = await startServer(dataDir, env);
  await waitForHealthy(server.url, server, timeoutMs);
  return server;
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

/** The demo admin: browser tests act as them unless they name another demo user. */
export const DEMO_ADMIN = 'admin@ledgerlens.demo';
const sessionCookies = new WeakMap<RunningServer, Map<string, Promise<string>>>();

/**
 * A session for a demo user (the embedded demo offers one-click sign-in), by the same form a
 * person clicks on /login; cached per server and user.
 */
export function sessionToken(server: RunningServer, email: string = DEMO_ADMIN): Promise<string> {
  let byUser = sessionCookies.get(server);
  if (!byUser) sessionCookies.set(server, (byUser = new Map()));
  let token = byUser.get(email);
  if (!token) {
    token = signInAsDemoUser(server.url, email);
    byUser.set(email, token);
    token.catch(() => byUser.delete(email));
  }
  return token;
}

/** A new session for a demo user (not cached: for tests that end it, such as signing out). */
export async function signInAsDemoUser(url: string, email: string): Promise<string> {
  const html = await (await fetch(`${url}/login`)).text();
  const form = html.split('<form').find((f) => f.includes(`data-email="${email}"`));
  const id = form && /name="user" value="(\d+)"/.exec(form)?.[1];
  if (!id) throw new Error(`no demo user ${email} on ${url}/login`);
  const res = await fetch(`${url}/login?/demo`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ user: id }),
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('ledgerlens_session='));
  if (res.status !== 303 || !cookie) throw new Error(`demo sign-in as ${email} answered ${res.status}`);
  return cookie.slice('ledgerlens_session='.length).split(';')[0]!;
}

/** fetch() on the server as a signed-in demo user (default the demo admin). */
export async function apiFetch(server: RunningServer, target: string | URL, init: RequestInit & { as?: string } = {}): Promise<Response> {
  const { as, ...rest } = init;
  const headers = new Headers(rest.headers);
  headers.set('cookie', `ledgerlens_session=${await sessionToken(server, as)}`);
  return fetch(typeof target === 'string' && target.startsWith('/') ? `${server.url}${target}` : target, { ...rest, headers });
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
