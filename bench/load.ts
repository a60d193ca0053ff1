/**
 * `npm run bench -- load [--users 50] [--seconds 60] [--keep-dir DIR] [--cache on|off]`
 *
 * A finance department's Monday morning at scale M, against the built server on loopback:
 *   - the warehouse is synced from the cached M billing database (bench/support/billing-template.ts),
 *     cases are opened for the queue (as the day's collections run does), and a Postgres workbench database (what a
 *     department deployment uses; created for the run and dropped after it) gets the users;
 *   - --users real users (35 of 50 finance, the rest collections) are invited and set their
 *     passwords through app/lib/server/auth/users.ts, then sign in over HTTP with their passwords
 *     (argon2id, outside the measured loop), each from its own loopback address like separate
 *     machines (the per-address sign-in limit applies per machine);
 *   - for --seconds each user loops: open a page as a browser does (the whole HTML document, the
 *     session cookie sent, redirects not followed: a redirect counts as an error), then think for
 *     1–3 s (uniform) before the next click. The four pages render on the server and make no API
 *     calls from the browser, so the document is the page's whole data cost.
 * Page mix: finance — dashboard 30 %, aging 25 %, queue 25 %, a case 20 %; collections — aging 20 %,
 * queue 40 %, a case 40 % (the dashboard is not theirs). Before measuring, each page kind is opened
 * once (a server that just started would otherwise measure its first DuckDB plans), then each
 * eight times by one user alone (printed: what a page costs without the crowd).
 * Prints p50/p95/p99 per page kind, the machine's load average, and ends with
 *   load: scale=M users=50 seconds=60 requests=<n> errors=<n> p95_ms=<value>
 * Needs build/ (runs `vite build` when missing). Everything it starts or creates is removed at the end.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import type { Principal } from '../app/lib/server/auth/principal.ts';
import { acceptInvite, inviteUser } from '../app/lib/server/auth/users.ts';
import { COLLECTIONS_RUN } from '../app/lib/server/collections/daily-run.ts';
import { collectionsQueue } from '../app/lib/server/receivables/aging.ts';
import { businessToday } from '../app/lib/server/receivables/dates.ts';
import { ensureCases, type OverdueCustomer } from '../app/lib/server/workbench/index.ts';
import { seedDemoFxRates } from '../app/lib/server/fx/demo-rates.ts';
import { openWorkbench } from '../app/lib/server/workbench/database.ts';
import { createBillingPool } from '../pipelines/source/type-mapping.ts';
import { runSync } from '../pipelines/sync/run-sync.ts';
import { openWarehouse } from '../pipelines/warehouse/connection.ts';
import { admin, ensureTemplate, ident, TZ, urlFor } from './support/billing-template.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const SCALE = 'M';
const PASSWORD = 'load-bench passphrase 2026';
/** Think time between two clicks, uniform: a finance department clicks, it does not hammer. */
const THINK_MS = { min: 1000, max: 3000 };

type Kind = 'dashboard' | 'aging' | 'queue' | 'case';
type Role = 'finance' | 'collections';
const MIX: Readonly<Record<Role, ReadonlyArray<readonly [Kind, number]>>> = {
  finance: [['dashboard', 0.3], ['aging', 0.25], ['queue', 0.25], ['case', 0.2]],
  collections: [['aging', 0.2], ['queue', 0.4], ['case', 0.4]],
};

interface Sample {
  readonly kind: Kind;
  readonly ms: number;
  readonly ok: boolean;
}

interface User {
  readonly email: string;
  readonly role: Role;
  readonly agent: http.Agent;
  cookie: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const uniform = (min: number, max: number) => min + Math.random() * (max - min);

function percentile(xs: readonly number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

function pick<T>(weighted: ReadonlyArray<readonly [T, number]>): T {
  let r = Math.random() * weighted.reduce((s, [, w]) => s + w, 0);
  for (const [value, w] of weighted) if ((r -= w) <= 0) return value;
  return weighted.at(-1)![0];
}

interface Answer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** One HTTP request over the user's own keep-alive agent; the whole body is read, as a browser does. */
function request(agent: http.Agent, url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { agent, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(30_000, () => req.destroy(new Error('no answer in 30 s')));
    req.end(options.body);
  });
}

function startServer(env: Record<string, string>): Promise<{ url: string; stop: () => Promise<number | null> }> {
  // LOAD_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof": to see where the server's time goes.
  const nodeArgs = process.env.LOAD_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'app/serve.ts'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const stop = () => new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
  return new Promise((resolve, reject) => {
    let url = '';
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before it was ready`)));
    // The access log is one line per request: read every line so the pipe never fills (LOAD_SERVER_LOG=file keeps them).
    const keepLog = process.env.LOAD_SERVER_LOG ? fs.createWriteStream(process.env.LOAD_SERVER_LOG) : null;
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      keepLog?.write(line + '\n');
      if (!line.startsWith('{')) return;
      try {
        const event = JSON.parse(line) as { event?: string; url?: string; error?: string };
        if (event.event === 'listening' && event.url) url = event.url;
        if (event.event === 'ready') resolve({ url, stop });
        if (event.event === 'startup_failed') reject(new Error(event.error));
      } catch {
        /* not a log line */
      }
    });
  });
}

/** Who the bench acts as when it invites the users (recorded as such in the audit log). */
const BENCH: Principal = { kind: 'token', id: 0n, name: 'bench-load', permissions: new Set() };

const ADMIN_EMAIL = 'load-admin@bench.invalid';

async function prepareWorkbench(workbenchUrl: string, dataDir: string, warehouseFile: string, users: number): Promise<{ emails: { email: string; role: Role }[]; caseIds: string[] }> {
  const workbench = await openWorkbench({ dataDir, workbenchDatabaseUrl: workbenchUrl });
  try {
    await seedDemoFxRates(workbench.db);
    // An admin (so the server creates no first admin) who reads /api/v1/metrics at the end.
    const adminInvite = await inviteUser(workbench.db, { name: 'Load admin', email: ADMIN_EMAIL, role: 'admin' }, BENCH);
    await acceptInvite(workbench.db, adminInvite.token, PASSWORD, null);
    const emails: { email: string; role: Role }[] = [];
    for (let i = 0; i < users; i++) {
      const role: Role = i < Math.round(users * 0.7) ? 'finance' : 'collections';
      const email = `load-${String(i).padStart(2, '0')}@bench.invalid`;
      const invite = await inviteUser(workbench.db, { name: `Load user ${i}`, email, role }, BENCH);
      await acceptInvite(workbench.db, invite.token, PASSWORD, null);
      emails.push({ email, role });
    }
    // The first step of the day's collections run (app/lib/server/collections/daily-run.ts): a case for
    // every customer of the queue. Its last step, recording each open case's proposals, takes the
    // better part of an hour for M's ~15,000 cases on this shared machine; a case page records its
    // case's proposals itself when it is opened, so the pages measured below do that work too.
    const warehouse = await openWarehouse(warehouseFile);
    try {
      const began = Date.now();
      const today = businessToday(TZ);
      const overdue = new Map<string, OverdueCustomer>();
      for (let offset = 0; ; offset += 500) {
        const page = await collectionsQueue(warehouse, today, { limit: 500, offset });
        for (const e of page) if (!overdue.has(e.customerId)) overdue.set(e.customerId, { customerId: e.customerId, details: { overdueMinor: e.overdueMinor.toString(), currency: e.currency, oldestDueAt: e.oldestDueOn, asOf: today } });
        if (page.length < 500) break;
      }
      const { opened } = await ensureCases(workbench.db, [...overdue.values()], { actor: COLLECTIONS_RUN });
      console.log(`  ${opened.length} cases opened for the queue in ${((Date.now() - began) / 1000).toFixed(1)} s`);
    } finally {
      warehouse.close();
    }
    const cases = await workbench.db.selectFrom('cases').select('id').where('status', '=', 'open').orderBy('id').limit(500).execute();
    if (!cases.length) throw new Error('the collections run opened no cases');
    return { emails, caseIds: cases.map((c) => String(c.id)) };
  } finally {
    await workbench.close();
  }
}

async function signIn(base: string, origin: string, user: User): Promise<void> {
  const body = new URLSearchParams({ email: user.email, password: PASSWORD }).toString();
  const res = await request(user.agent, `${base}/login?/password`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin, accept: 'text/html', 'content-length': String(Buffer.byteLength(body)) },
    body,
  });
  const setCookie = (res.headers['set-cookie'] ?? []).find((c) => c.startsWith('ledgerlens_session='));
  if (res.status !== 303 || !setCookie) throw new Error(`sign-in of ${user.email} answered ${res.status}: ${res.body.slice(0, 200)}`);
  user.cookie = setCookie.split(';')[0]!;
}

function pathOf(kind: Kind, caseIds: readonly string[]): string {
  switch (kind) {
    case 'dashboard': return '/';
    case 'aging': return '/receivables';
    case 'queue': return '/collections';
    case 'case': return `/collections/cases/${caseIds[Math.floor(Math.random() * caseIds.length)]}`;
  }
}

async function openPage(base: string, user: User, kind: Kind, caseIds: readonly string[]): Promise<Sample> {
  const began = performance.now();
  try {
    const res = await request(user.agent, base + pathOf(kind, caseIds), { headers: { cookie: user.cookie, accept: 'text/html,application/xhtml+xml', 'accept-language': 'en' } });
    const ok = res.status === 200 && res.body.includes('</html>');
    if (!ok && process.env.LOAD_VERBOSE) console.error(`${kind} ${res.status} ${res.body.slice(0, 200)}`);
    return { kind, ms: performance.now() - began, ok };
  } catch {
    return { kind, ms: performance.now() - began, ok: false };
  }
}

async function userLoop(base: string, user: User, caseIds: readonly string[], until: number, samples: Sample[]): Promise<void> {
  await sleep(uniform(0, THINK_MS.max)); // people do not all click in the same second
  while (performance.now() < until) {
    samples.push(await openPage(base, user, pick(MIX[user.role]), caseIds));
    await sleep(uniform(THINK_MS.min, THINK_MS.max));
  }
}

/** The server's own view (GET /api/v1/metrics as an admin): requests and mean latency per page route. */
async function printServerMetrics(base: string, origin: string): Promise<void> {
  const agent = new http.Agent({ keepAlive: false, localAddress: '127.0.2.1' });
  try {
    const adminUser: User = { email: ADMIN_EMAIL, role: 'finance', agent, cookie: '' };
    await signIn(base, origin, adminUser);
    const res = await request(agent, `${base}/api/v1/metrics`, { headers: { cookie: adminUser.cookie } });
    if (res.status !== 200) throw new Error(`/api/v1/metrics answered ${res.status}`);
    const value = (name: string, route: string) => {
      const line = res.body.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(`route="${route}"`) && l.includes('method="GET"') && l.includes('status_class="2xx"'));
      return Number(line?.split(' ').at(-1) ?? NaN);
    };
    console.log('server metrics (ledgerlens_http_request_duration_seconds, 2xx):');
    for (const route of ['/', '/receivables', '/collections', '/collections/cases/[id]']) {
      const count = value('ledgerlens_http_request_duration_seconds_count', route);
      const sum = value('ledgerlens_http_request_duration_seconds_sum', route);
      console.log(`  ${route.padEnd(24)} ${String(count).padStart(6)} requests, mean ${((sum / count) * 1000).toFixed(0)} ms`);
    }
  } finally {
    agent.destroy();
  }
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { users: { type: 'string', default: '50' }, seconds: { type: 'string', default: '60' }, 'keep-dir': { type: 'string' }, cache: { type: 'string', default: 'on' } },
  });
  // --cache off: the server without its warehouse result cache (pipelines/warehouse/result-cache.ts), for comparison.
  if (values.cache !== 'on' && values.cache !== 'off') throw new Error('--cache must be on or off');
  const userCount = Math.max(1, Number(values.users));
  const seconds = Math.max(1, Number(values.seconds));
  if (userCount > 200) throw new Error('--users: at most 200 (one loopback address each)');
  if (!fs.existsSync(path.join(ROOT, 'build', 'handler.js'))) {
    console.log('build/ is missing: running vite build …');
    await new Promise<void>((resolve, reject) => spawn('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit' }).once('exit', (c) => (c === 0 ? resolve() : reject(new Error('vite build failed')))));
  }
  const template = await ensureTemplate(SCALE);
  const billingUrl = urlFor(template);
  const keep = values['keep-dir'] ? path.resolve(values['keep-dir']) : null;
  const dataDir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerlens-bench-load-'));
  const warehouseFile = path.join(dataDir, 'warehouse.duckdb');
  const workbenchDb = ident(`ledgerlens_bench_load_wb_${process.pid}`);
  const workbenchUrl = urlFor(workbenchDb);
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  const users: User[] = [];
  try {
    if (keep && fs.existsSync(warehouseFile)) {
      console.log(`reusing the warehouse in ${keep}`);
    } else {
      fs.mkdirSync(dataDir, { recursive: true });
      console.log('building the warehouse (full sync) …');
      const source = createBillingPool(billingUrl, 2);
      try {
        const warehouse = await openWarehouse(warehouseFile);
        const sync = await runSync({ source, warehouse, timezone: TZ, workDir: path.join(dataDir, 'tmp'), mode: 'full' });
        warehouse.close();
        console.log(`  ${sync.rowsExtracted} rows in ${(sync.timings.totalMs / 1000).toFixed(1)} s`);
      } finally {
        await source.end();
      }
    }
    await admin(async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${workbenchDb} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${workbenchDb}`);
    });
    console.log(`preparing the workbench (${userCount} users, the queue's cases) …`);
    const { emails, caseIds } = await prepareWorkbench(workbenchUrl, dataDir, warehouseFile, userCount);

    server = await startServer({
      LEDGERLENS_DATA_DIR: dataDir, BILLING_DATABASE_URL: billingUrl, WORKBENCH_DATABASE_URL: workbenchUrl,
      LEDGERLENS_TIMEZONE: TZ, LEDGERLENS_SYNC_EVERY_MINUTES: '0', PORT: '0', ORIGIN: '', LEDGERLENS_QUERY_CACHE: values.cache === 'on' ? '1' : '0',
    });
    const origin = server.url;
    const port = new URL(server.url).port;
    emails.forEach(({ email, role }, i) => {
      // Each user its own source address on the loopback network (127.0.0.0/8), like its own machine.
      const agent = new http.Agent({ keepAlive: true, maxSockets: 6, localAddress: `127.0.1.${i + 1}` });
      users.push({ email, role, agent, cookie: '' });
    });
    const base = `http://127.0.0.1:${port}`;
    const signInBegan = performance.now();
    for (const user of users) await signIn(base, origin, user);
    console.log(`${users.length} users signed in with their passwords in ${((performance.now() - signInBegan) / 1000).toFixed(1)} s (not measured below); ${caseIds.length} open cases to pick from`);

    // Warm-up: each page kind once, by a finance user.
    const finance = users.find((u) => u.role === 'finance') ?? users[0]!;
    for (const kind of ['dashboard', 'aging', 'queue', 'case'] as const) {
      if (kind === 'dashboard' && finance.role !== 'finance') continue;
      const s = await openPage(base, finance, kind, caseIds);
      if (!s.ok) throw new Error(`warm-up: the ${kind} page did not open`);
      console.log(`  warm-up ${kind.padEnd(9)} ${s.ms.toFixed(0)} ms`);
    }

    // One user alone, eight clicks per page kind: what each page costs without the crowd.
    const solo: string[] = [];
    for (const kind of ['dashboard', 'aging', 'queue', 'case'] as const) {
      const ms: number[] = [];
      for (let i = 0; i < 8; i++) ms.push((await openPage(base, finance, kind, caseIds)).ms);
      solo.push(`${kind} ${percentile(ms, 50).toFixed(0)} ms`);
    }
    console.log(`  one user alone (median of 8): ${solo.join(', ')}`);

    const loadBefore = os.loadavg();
    console.log(`load average before: ${loadBefore.map((l) => l.toFixed(2)).join(' ')} (${os.cpus().length} cores); result cache ${values.cache}`);
    const samples: Sample[] = [];
    const until = performance.now() + seconds * 1000;
    await Promise.all(users.map((u) => userLoop(base, u, caseIds, until, samples)));
    const loadAfter = os.loadavg();
    await printServerMetrics(base, origin);

    console.log(`\npage        requests  errors      p50      p95      p99   (think time ${THINK_MS.min / 1000}–${THINK_MS.max / 1000} s uniform)`);
    for (const kind of ['dashboard', 'aging', 'queue', 'case'] as const) {
      const of = samples.filter((s) => s.kind === kind);
      const ms = of.map((s) => s.ms);
      console.log(`${kind.padEnd(10)} ${String(of.length).padStart(9)} ${String(of.filter((s) => !s.ok).length).padStart(7)} ${percentile(ms, 50).toFixed(0).padStart(6)} ms ${percentile(ms, 95).toFixed(0).padStart(6)} ms ${percentile(ms, 99).toFixed(0).padStart(6)} ms`);
    }
    const all = samples.map((s) => s.ms);
    const errors = samples.filter((s) => !s.ok).length;
    console.log(`all        ${String(samples.length).padStart(9)} ${String(errors).padStart(7)} ${percentile(all, 50).toFixed(0).padStart(6)} ms ${percentile(all, 95).toFixed(0).padStart(6)} ms ${percentile(all, 99).toFixed(0).padStart(6)} ms`);
    console.log(`load average after: ${loadAfter.map((l) => l.toFixed(2)).join(' ')} (1, 5, 15 min; ${os.cpus().length} cores, shared with other work)`);
    console.log(`load: scale=${SCALE} users=${userCount} seconds=${seconds} requests=${samples.length} errors=${errors} p95_ms=${percentile(all, 95).toFixed(1)}`);
  } finally {
    for (const u of users) u.agent.destroy();
    const exitCode = await server?.stop();
    if (exitCode !== undefined && exitCode !== 0) console.error(`the server exited with ${exitCode}`);
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${workbenchDb} WITH (FORCE)`)).catch(() => undefined);
    if (!keep) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
