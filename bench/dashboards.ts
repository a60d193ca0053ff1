/**
 * `npm run bench -- dashboards [--scale M|S|XS] [--calls 20]`
 *
 * At scale M, on the same data in one run:
 *   api       each leadership page's API through the real server (app/serve.ts on a warehouse synced
 *             from the cached billing template): one warm-up call, then --calls timed calls, median and p95
 *   postgres  the same figures computed by SQL on the billing database itself (bench/queries/*),
 *             median of 3 runs after a warm-up
 * and ends with:
 *   dashboards: scale=M worst_p95_ms=<slowest page's p95> min_speedup=<smallest postgres/api median ratio>
 * Needs build/ (runs `vite build` when missing). The temporary data folder and server are removed at the end.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import type pg from 'pg';
import { seedDemoFxRates } from '../app/lib/server/fx/demo-rates.ts';
import { openWorkbench } from '../app/lib/server/workbench/database.ts';
import { isScale } from '../pipelines/generate/generate.ts';
import { createBillingPool } from '../pipelines/source/type-mapping.ts';
import { runSync } from '../pipelines/sync/run-sync.ts';
import { openWarehouse } from '../pipelines/warehouse/connection.ts';
import { POSTGRES_AGING } from './aging.ts';
import { POSTGRES_INCOME_STATEMENT, POSTGRES_REVENUE_MONTHLY } from './queries/revenue-postgres.ts';
import { preferencesPostgresQueries, usagePostgresQueries, type PostgresBenchQuery } from './queries/usage-postgres.ts';
import { ensureTemplate, TZ, urlFor } from './support/billing-template.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const sqlFile = (name: string) => fs.readFileSync(path.join(import.meta.dirname, 'queries', name), 'utf8');

/** One page: the API call the page's data comes from, and the same figures as Postgres statements. */
export interface DashboardPage {
  readonly page: string;
  readonly api: string;
  readonly postgres: readonly { readonly sql: string; readonly params: readonly unknown[] }[];
}

// The demo history runs to 2026-11-20: the pages' default 12 months end at 2026-11.
const CURRENCY = 'RUB';
const MONTHS = { from: '2025-12-01', until: '2026-12-01' };

function pages(): DashboardPage[] {
  const revenue = { sql: POSTGRES_REVENUE_MONTHLY, params: [CURRENCY, TZ, MONTHS.from, MONTHS.until] };
  const income = { sql: POSTGRES_INCOME_STATEMENT, params: [CURRENCY, TZ, '2000-01-01', MONTHS.until] };
  return [
    {
      page: 'overview',
      api: `/api/v1/overview?currency=${CURRENCY}`,
      postgres: [{ sql: POSTGRES_REVENUE_MONTHLY, params: [CURRENCY, TZ, '2025-10-01', '2026-11-01'] }, income, { sql: POSTGRES_AGING, params: ['2026-11-20', TZ] }],
    },
    { page: 'revenue', api: `/api/v1/revenue/monthly?currency=${CURRENCY}`, postgres: [revenue] },
    { page: 'income', api: `/api/v1/income/statement?currency=${CURRENCY}`, postgres: [revenue, income] },
    { page: 'mrr', api: `/api/v1/mrr/monthly?currency=${CURRENCY}`, postgres: [{ sql: sqlFile('mrr_bridge.postgres.sql'), params: [TZ, '2024-11-01', '2026-10-01'] }] },
    { page: 'retention', api: `/api/v1/retention?currency=${CURRENCY}`, postgres: [{ sql: sqlFile('retention.postgres.sql'), params: [TZ, '2024-11-01', '2026-10-01'] }] },
    ...byEndpoint('usage', usagePostgresQueries({ service: 'voice', unit: 'minute', from: '2025-12', to: '2026-11', segment: null, region: null, top: 20 }, TZ), 'service=voice&unit=minute&from=2025-12&to=2026-11', TAKES_TOP),
    ...byEndpoint('preferences', preferencesPostgresQueries({ from: '2025-12', to: '2026-11', segment: null, region: null }, TZ), 'from=2025-12&to=2026-11'),
  ];
}

// Only these usage endpoints accept `top` (the request schemas refuse unknown parameters).
const TAKES_TOP = new Set(['/api/v1/usage/peaks', '/api/v1/usage/top-consumers']);

/** The usage and preferences pages read several endpoints: one row per endpoint, with its Postgres statements. */
function byEndpoint(page: string, queries: readonly PostgresBenchQuery[], query: string, takesTop: ReadonlySet<string> = new Set()): DashboardPage[] {
  const endpoints = [...new Set(queries.map((q) => q.endpoint))];
  return endpoints.map((endpoint) => ({
    page: `${page}/${endpoint.split('/').at(-1)}`,
    api: `${endpoint}?${query}${takesTop.has(endpoint) ? '&top=20' : ''}`,
    postgres: queries.filter((q) => q.endpoint === endpoint).map((q) => ({ sql: q.sql, params: q.params })),
  }));
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

async function timeApi(base: string, cookie: string, url: string, calls: number): Promise<{ median: number; p95: number }> {
  const call = async () => {
    const res = await fetch(base + url, { headers: { cookie } });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${body.slice(0, 300)}`);
  };
  // Warm: one call per read connection (LEDGERLENS_WAREHOUSE_READERS, 3), since each connection
  // prepares its own statements and a page's parallel queries land on any of them.
  for (let i = 0; i < 3; i++) await call();
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t = performance.now();
    await call();
    times.push(performance.now() - t);
  }
  return { median: percentile(times, 50), p95: percentile(times, 95) };
}

async function timePostgres(pool: pg.Pool, statements: DashboardPage['postgres']): Promise<number> {
  const run = async () => {
    for (const s of statements) await pool.query(s.sql, s.params as unknown[]);
  };
  await run();
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  return percentile(times, 50);
}

/**
 * The API needs a signed-in caller: the first start prints the first admin's one-time password on
 * stderr; the bench signs in with it (API calls work before the password is changed).
 */
async function signInAsFirstAdmin(url: string, password: string): Promise<string> {
  const res = await fetch(`${url}/login?/password`, {
    method: 'POST', redirect: 'manual',
    headers: { origin: url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: 'admin@ledgerlens.local', password }),
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('ledgerlens_session='));
  if (res.status !== 303 || !cookie) throw new Error(`signing in as the first admin answered ${res.status}`);
  return cookie.split(';')[0]!;
}

function startServer(env: Record<string, string>): Promise<{ url: string; cookie: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'app/serve.ts'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let password: string | null = null;
  child.stderr!.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    password ??= /password: (\S+)/.exec(text)?.[1] ?? null;
    process.stderr.write(text.replace(/password: \S+/, 'password: (used by the bench)'));
  });
  const stop = () => new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
  return new Promise((resolve, reject) => {
    let url = '';
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before it was ready`)));
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const event = JSON.parse(line) as { event?: string; url?: string; error?: string };
        if (event.event === 'listening' && event.url) url = event.url;
        if (event.event === 'ready') {
          if (!password) return reject(new Error('the server printed no first-admin password: run the bench on a fresh data folder'));
          signInAsFirstAdmin(url, password).then((cookie) => resolve({ url, cookie, stop }), reject);
        }
        if (event.event === 'startup_failed') reject(new Error(event.error));
      } catch {
        /* not a log line */
      }
    });
  });
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { scale: { type: 'string', default: 'M' }, calls: { type: 'string', default: '20' }, 'keep-dir': { type: 'string' } },
  });
  const scale = values.scale!;
  if (!isScale(scale)) throw new Error(`--scale must be XS, S or M, not ${scale}`);
  const calls = Math.max(1, Number(values.calls));
  if (!fs.existsSync(path.join(ROOT, 'build', 'handler.js'))) {
    console.log('build/ is missing: running vite build …');
    await new Promise<void>((resolve, reject) => spawn('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit' }).once('exit', (c) => (c === 0 ? resolve() : reject(new Error('vite build failed')))));
  }
  const template = await ensureTemplate(scale);
  const billingUrl = urlFor(template);
  const source = createBillingPool(billingUrl, 2);
  // --keep-dir DIR keeps the synced warehouse between runs (for profiling); it is built when missing.
  const keep = values['keep-dir'] ? path.resolve(values['keep-dir']) : null;
  const dataDir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerlens-bench-dashboards-'));
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  try {
    if (keep && fs.existsSync(path.join(keep, 'warehouse.duckdb'))) {
      console.log(`reusing the warehouse in ${keep}`);
    } else {
      fs.mkdirSync(dataDir, { recursive: true });
      console.log('building the warehouse (full sync) …');
      const warehouse = await openWarehouse(path.join(dataDir, 'warehouse.duckdb'));
      const sync = await runSync({ source, warehouse, timezone: TZ, workDir: path.join(dataDir, 'tmp'), mode: 'full' });
      warehouse.close();
      console.log(`  ${sync.rowsExtracted} rows in ${(sync.timings.totalMs / 1000).toFixed(1)} s`);
    }
    const workbench = await openWorkbench({ dataDir, workbenchDatabaseUrl: null });
    await seedDemoFxRates(workbench.db);
    await workbench.close();

    // LEDGERLENS_QUERY_CACHE=0: this bench measures the queries' work, not answers from the result cache.
    server = await startServer({ LEDGERLENS_QUERY_CACHE: '0', LEDGERLENS_DATA_DIR: dataDir, BILLING_DATABASE_URL: billingUrl, LEDGERLENS_TIMEZONE: TZ, LEDGERLENS_SYNC_EVERY_MINUTES: '0', PORT: '0', ORIGIN: '' });
    let worstP95 = 0;
    let minSpeedup = Infinity;
    console.log(`page                        api median   api p95   postgres   speedup   (${calls} calls after 3 warm-up calls)`);
    for (const page of pages()) {
      const api = await timeApi(server.url, server.cookie, page.api, calls);
      const pgMs = await timePostgres(source, page.postgres);
      const speedup = pgMs / api.median;
      worstP95 = Math.max(worstP95, api.p95);
      minSpeedup = Math.min(minSpeedup, speedup);
      console.log(`${page.page.padEnd(26)} ${api.median.toFixed(1).padStart(8)} ms ${api.p95.toFixed(1).padStart(8)} ms ${pgMs.toFixed(0).padStart(8)} ms ${speedup.toFixed(1).padStart(8)}×   ${page.api}`);
    }
    console.log(`dashboards: scale=${scale} worst_p95_ms=${worstP95.toFixed(1)} min_speedup=${minSpeedup.toFixed(1)}`);
  } finally {
    await server?.stop();
    await source.end();
    if (!keep) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
