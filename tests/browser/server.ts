/**
 * The production server as the tests start it (`app/serve.ts`, PORT=0, on a data directory of the
 * caller's own) and requests to it as a signed-in demo user. No vitest imports: the global set-up
 * (which builds the seeded template, see template.ts) runs it in vitest's main process too.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Startup may seed the embedded billing DB and run a first sync. */
export const STARTUP_TIMEOUT_MS = Number(process.env.LEDGERLENS_TEST_STARTUP_MS) || 300_000; // more on a crowded machine

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

/** Throws, saying what to do, when build/ or Chromium is missing. */
export function assertBrowserPrerequisites(): void {
  if (!fs.existsSync(path.join(ROOT, 'build', 'handler.js'))) {
    throw new Error('build/handler.js is missing: run `npx vite build` before the browser tests');
  }
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
}

/** Checks the prerequisites (build/, Chromium), then starts the server on `dataDir` and waits for health 200. */
export async function startHealthyServer(dataDir: string, env: Record<string, string> = {}, timeoutMs: number = STARTUP_TIMEOUT_MS): Promise<RunningServer> {
  assertBrowserPrerequisites();
  const server = await startServer(dataDir, env);
  await waitForHealthy(server.url, server, timeoutMs);
  return server;
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
