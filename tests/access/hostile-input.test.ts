/**
 * Hostile strings (SQL injection, path traversal, NUL, very long, unicode, markup) in every query
 * parameter and path parameter of every /api/v1 route and in the main pages' filters, on the real
 * built server as the admin (who may open everything, so the input reaches the handler): each is
 * refused with a clear 4xx or handled as data, never a 5xx; afterwards the warehouse and the
 * workbench hold the same tables with the same rows as before. Then malformed and oversized bodies.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { API_RULES } from '../../app/lib/access/routes.ts';
import { openWorkbench } from '../../app/lib/server/workbench/index.ts';
import { apiFetch, queryWarehouseFile, ROOT, stopServer, useServerAndBrowser, type RunningServer } from '../browser/support.ts';
import { listKitRoutes } from './router-routes.ts';
import { findSamples, inParallel, samplePath, type Samples } from './samples.ts';
import { ROUTE_SCHEMAS } from '../../app/lib/server/api/schemas.ts';

/** In every query parameter of the API (each value a request). */
const HOSTILE: readonly string[] = [
  "' OR 1=1 --",
  "'; DROP TABLE x; --",
  '../../etc/passwd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  'a\u0000b',
  `Ω≈ç√ 😀 שָׁלוֹם \u202e łódź ${'x'.repeat(8_000)}`,
];
/** In the pages' filters (they share the API's parsers, so fewer), and more in path parameters. */
const HOSTILE_PAGE: readonly string[] = ["'; DROP TABLE x; --", '../../etc/passwd', 'a\u0000b', HOSTILE[5]!];
const HOSTILE_PATH: readonly string[] = [...HOSTILE, '<script>alert(1)</script>', '-1', '99999999999999999999999', '1); DELETE FROM marts.revenue_monthly; --'];

const MONTHS = ['from', 'to'];
const REVENUE = [...MONTHS, 'segment', 'region', 'currency', 'format'];
const MRR = [...MONTHS, 'period', 'groupBy', 'currency', 'segment', 'region', 'plan', 'past_due_churn_days', 'usage_in_mrr', 'trials', 'free_plans', 'format'];
const AGING = ['asOf', 'basis', 'buckets', 'groupBy', 'format'];
const USAGE = [...MONTHS, 'segment', 'region', 'service', 'unit', 'format', 'top', 'part'];
const PREFERENCES = [...MONTHS, 'segment', 'region', 'format', 'part'];

/**
 * The query parameters each /api/v1 GET/POST reads (app/lib/server/api/*.ts and the parsers they
 * call), with a base query that makes the request valid otherwise. The first test checks that every
 * route of API_RULES is listed, so a new route needs an entry.
 */
/** What a route needs besides the hostile parameter to get past its first check (a currency, a table). */
const API_BASE: Readonly<Record<string, string>> = {
  'GET /receivables/aging/invoices': 'currency=RUB',
  'GET /quarantine/rows': 'table=customers&rule=negative_total',
  'GET /exports/:dataset': 'format=csv',
};

/** Every /api/v1 route's query parameters, from the same zod schemas that validate them (app/lib/server/api/schemas.ts). */
const API_PARAMS: Readonly<Record<string, { readonly params: readonly string[]; readonly base?: string }>> = Object.fromEntries(
  Object.entries(ROUTE_SCHEMAS).map(([key, schema]) => [key, { params: Object.keys(schema.query?.shape ?? {}), base: API_BASE[key] }]),
);

/** Every form field name the app's form actions read (grep of form.get/requiredText/… in app/routes and app/lib/server). */
const FORM_FIELDS: readonly string[] = [
  'actionId', 'amount', 'assignee', 'baseVersion', 'body', 'by', 'channel', 'comment', 'cron', 'currency', 'current', 'customerId', 'date', 'decision',
  'disputeId', 'effectiveFrom', 'email', 'email_to', 'enabled', 'filters', 'folder', 'formats', 'holidays', 'id', 'invoiceId', 'name', 'next', 'note',
  'notebook', 'outcome', 'ownCasesOnly', 'params', 'password', 'percent', 'reason', 'repeat', 'resolution', 'role', 'row', 'rule', 'run_time',
  'sampleSize', 'sequencing', 'source', 'sql', 'tableId', 'text', 'timezone', 'user', 'version', 'viewId', 'xlsx_blocks', 'locale', 'rate', 'base', 'quote',
];

/** Path parameters: each API route with one, by its name in the path. */
const API_PATH_PARAMS: readonly string[] = ['GET /sync/runs/:runId', 'POST /collections/outbox/:id/ack', 'GET /exports/:dataset'];

/** The main pages' filters (their +page.server.ts loads and the parsers they call). */
const PAGE_PARAMS: Readonly<Record<string, readonly string[]>> = {
  '/': ['currency'],
  '/revenue': REVENUE,
  '/income': [...REVENUE, 'reporting', 'granularity', 'compare'],
  '/mrr': [...MRR, 'reporting'],
  '/mrr/movements': [...MRR, 'month', 'kind', 'limit', 'offset'],
  '/retention': MRR,
  '/usage': USAGE,
  '/preferences': PREFERENCES,
  '/forecast': ['run_date'],
  '/receivables': [...AGING, 'currency', 'cei'],
  '/receivables/invoices': [...AGING, 'currency', 'bucket', 'key', 'limit', 'offset', 'trend', 'cei'],
  '/collections': ['segment', 'currency', 'assignee', 'minDays', 'disputed', 'page'],
  '/collections/ladder': ['source', 'run', 'from', 'to'],
  '/collections/policy': [],
  '/data-quality': ['run', 'table', 'rule', 'limit', 'offset'],
  '/admin/audit': ['kind', 'outcome', 'actor', 'from', 'to', 'before'],
  '/explore': ['sql'],
  '/explore/download': ['sql', 'format'],
  '/login': ['next'],
  '/notebooks/schedules': ['edit'],
};

/** Page routes with a path parameter, and the sample value the hostile strings replace. */
const PAGE_PATH_PARAMS: readonly string[] = [
  '/collections/cases/[id]',
  '/collections/cases/[id]/letter.eml',
  '/customers/[id]/risk',
  '/notebooks/[name]',
  '/notebooks/[name]/edit',
  '/notebooks/[name]/blocks/[block]',
  '/notebooks/[name]/export.html',
  '/invite/[token]',
];

interface Answer {
  readonly what: string;
  readonly status: number;
  readonly body: string;
  readonly type: string;
}

/** The answer is acceptable: handled (2xx/3xx) or refused with a 4xx that says why; never 401/403 (the admin may) or 5xx. */
function problem(a: Answer, api: boolean): string | null {
  if (a.status >= 500) return `${a.what}: ${a.status} ${a.body.slice(0, 200)}`;
  if (a.status === 401 || a.status === 403) return `${a.what}: ${a.status} for the admin`;
  if (api && a.status >= 400 && a.status !== 404 && a.status !== 431 && a.status !== 414) {
    try {
      const body = JSON.parse(a.body) as { error?: { code?: string; message?: string } };
      if (!body.error?.code || !body.error.message) return `${a.what}: ${a.status} without an error code and message: ${a.body.slice(0, 200)}`;
    } catch {
      return `${a.what}: ${a.status} is not JSON: ${a.body.slice(0, 200)}`;
    }
  }
  return null;
}

function withParam(base: string | undefined, name: string, value: string): string {
  const query = new URLSearchParams(base ?? '');
  query.set(name, value);
  return query.toString();
}

/** Every table of the warehouse with its row count (one DuckDB open: the file is opened per call). */
async function warehouseCounts(file: string): Promise<Record<string, number>> {
  const tables = await queryWarehouseFile<{ schema: string; table: string }>(file, `SELECT table_schema AS schema, table_name AS "table" FROM information_schema.tables WHERE table_type = 'BASE TABLE' ORDER BY 1, 2`);
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const union = tables.map(({ schema, table }) => `SELECT '${`${schema}.${table}`.replaceAll("'", "''")}' AS name, count(*) AS n FROM ${quote(schema)}.${quote(table)}`).join(' UNION ALL ');
  const rows = await queryWarehouseFile<{ name: string; n: bigint }>(file, union);
  return Object.fromEntries(rows.map((r) => [r.name, Number(r.n)]));
}

/**
 * Tables the requests themselves write to: the sessions signed in, the audit log of every refusal, and
 * what the hostile form posts store as data: saved views named with the hostile text, the ladder
 * replays the replay button starts (it reads no field). Cases are not among them: opening or assigning
 * a case for a customer the warehouse does not know is refused.
 */
const WORKBENCH_CHANGES_EXPECTED = new Set([
  'workbench.sessions', 'workbench.audit_log', 'workbench.kysely_migration', 'workbench.kysely_migration_lock',
  'workbench.saved_views', 'workbench.ladder_replay_runs', 'workbench.ladder_replay_steps',
]);

/** Every workbench table with its row count, opened on a copy of its folder (PGlite writes to the folder it opens). */
async function workbenchCounts(dataDir: string): Promise<Record<string, number>> {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerlens-hostile-wb-'));
  fs.cpSync(path.join(dataDir, 'workbench'), path.join(copy, 'workbench'), { recursive: true });
  const workbench = await openWorkbench({ dataDir: copy, workbenchDatabaseUrl: null }, { migrate: false });
  try {
    const { rows } = await sql<{ name: string }>`SELECT table_schema || '.' || table_name AS name FROM information_schema.tables WHERE table_schema = 'workbench' AND table_type = 'BASE TABLE' ORDER BY 1`.execute(workbench.db);
    const counts: Record<string, number> = {};
    for (const { name } of rows) {
      if (WORKBENCH_CHANGES_EXPECTED.has(name)) continue;
      const result = await sql<{ n: string }>`SELECT count(*)::text AS n FROM ${sql.table(name)}`.execute(workbench.db);
      counts[name] = Number(result.rows[0]!.n);
    }
    return counts;
  } finally {
    await workbench.close();
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

describe('hostile input', () => {
  // A notebooks folder of its own: the edit page's form writes notebook files.
  const notebooksDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerlens-hostile-notebooks-'));
  fs.cpSync(path.join(ROOT, 'notebooks'), notebooksDir, { recursive: true });
  const ctx = useServerAndBrowser({ LEDGERLENS_NOTEBOOKS_DIR: notebooksDir }, { browser: false });
  afterAll(() => fs.rmSync(notebooksDir, { recursive: true, force: true }));
  let samples: Samples | undefined;

  const ask = async (server: RunningServer, what: string, target: string, init: RequestInit = {}): Promise<Answer> => {
    const res = await apiFetch(server, target, { redirect: 'manual', ...init });
    return { what, status: res.status, body: await res.text(), type: res.headers.get('content-type') ?? '' };
  };

  it('lists the parameters of every /api/v1 route', () => {
    expect(Object.keys(API_RULES).filter((key) => !(key in API_PARAMS))).toEqual([]);
    expect(Object.keys(API_PARAMS).filter((key) => !(key in API_RULES))).toEqual([]);
  });

  it('refuses or handles form posts with hostile and huge fields, and malformed, oversized or unknown bodies; never a 5xx', async () => {
    const { server } = ctx;
    samples ??= await findSamples(server);
    const post = async (what: string, target: string, body: BodyInit, type: string, as?: string) => {
      const accept = type === 'application/json' ? 'application/json' : 'text/html';
      const res = await apiFetch(server, target, { method: 'POST', redirect: 'manual', as, headers: { origin: server.url, accept, 'content-type': type }, body });
      return { what, status: res.status, body: await res.text(), type: res.headers.get('content-type') ?? '' };
    };
    const problems: string[] = [];
    const actions = (await listKitRoutes()).flatMap((r) => r.actions.map((name) => ({ route: r.id, name })));
    expect(actions.length).toBeGreaterThan(30);
    const requests: { what: string; target: string; body: string }[] = [];
    for (const { route, name } of actions) {
      // The notebook editor saves what it is sent (handled as data): into a notebook of its own, not the sample others read.
      const target = (route === '/notebooks/[name]/edit' ? '/notebooks/hostile-probe/edit' : samplePath(route, samples)) + (name === 'default' ? '' : `?/${name}`);
      // The replay button's action reads no field and starts a 12-month replay in the background: one post
      // says it ignores them; more would only meet "a replay is running" while it eats the others' time.
      const values = [...HOSTILE.slice(0, 5), 'Ω≈ç√ 😀 \u202e', 'y'.repeat(4_000)];
      for (const value of route === '/collections/ladder' && name === 'replay' ? values.slice(0, 1) : values) {
        const form = new URLSearchParams();
        // Every field a form of the app reads, each hostile: nothing is valid, so nothing changes; only the answer counts.
        for (const field of FORM_FIELDS) form.set(field, value);
        requests.push({ what: `${route} ?/${name} fields=${JSON.stringify(value.slice(0, 30))}`, target, body: form.toString() });
      }
    }
    await inParallel(requests, 4, async (r) => {
      const answer = await post(r.what, r.target, r.body, 'application/x-www-form-urlencoded');
      const p = problem(answer, false);
      if (p) problems.push(p);
    });
    expect(problems).toEqual([]);

    // A NUL in a form field is refused by name before it reaches Postgres.
    const nul = await post('nul', '/collections?/saveView', new URLSearchParams({ name: 'a\u0000b', filters: 'segment=smb' }).toString(), 'application/x-www-form-urlencoded');
    expect(nul.status).toBe(400);
    expect(nul.body).toMatch(/name contains a NUL character/);
    // Bodies over the server's limit (adapter-node BODY_SIZE_LIMIT, 512 kB): 413.
    const huge = await post('huge', `/collections/cases/${samples.caseId}?/note`, `text=${'z'.repeat(2_000_000)}`, 'application/x-www-form-urlencoded');
    expect(huge.status).toBe(413);
    // Not a form at all where a form is expected.
    const notForm = await post('json to a form action', '/settings/fx?/add', '{"base":"USD"', 'application/json');
    expect(notForm.status).toBeGreaterThanOrEqual(400);
    expect(notForm.status).toBeLessThan(500);

    // The notebook preview reads JSON: malformed, the wrong shape and unknown fields are 400s that say so.
    const preview = `/notebooks/${samples.notebook}/edit/preview`;
    for (const [body, code] of [['{bad json', 'BAD_PREVIEW'], ['[]', 'BAD_PREVIEW'], ['null', 'BAD_PREVIEW'], ['{"source":5}', 'BAD_PREVIEW'], ['{"source":"# hi","admin":true}', 'UNKNOWN_FIELD']] as const) {
      const answer = await post(`preview ${body}`, preview, body, 'application/json');
      expect(answer.status, body).toBe(400);
      expect(JSON.parse(answer.body).code, body).toBe(code);
    }
    const tooBig = await post('preview too big', preview, JSON.stringify({ source: 'q'.repeat(300 * 1024) }), 'application/json');
    expect(tooBig.status).toBe(413);

    // Malformed, unknown-field and oversized bodies get a clear 4xx with its code, never a 5xx, and change nothing.
    const bodies: [string, number, string][] = [
      ['{bad json', 400, 'MALFORMED_JSON'],
      [JSON.stringify({ acknowledged: true, id: "' OR 1=1 --" }), 400, 'UNKNOWN_FIELD'],
      ['w'.repeat(3_000_000), 413, 'BODY_TOO_LARGE'],
    ];
    for (const [body, status, code] of bodies) {
      const ack = await apiFetch(server, '/api/v1/collections/outbox/999999999/ack', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect({ status: ack.status, code: ((await ack.json()) as { error: { code: string } }).error.code }).toEqual({ status, code });
      const sync = await apiFetch(server, '/api/v1/sync?mode=bogus', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(sync.status).toBeGreaterThanOrEqual(400);
      expect(sync.status).toBeLessThan(500);
      expect(((await sync.json()) as { error: { code: string } }).error.code).toMatch(/^(BAD_MODE|BODY_NOT_ALLOWED|MALFORMED_JSON|BODY_TOO_LARGE)$/);
      // Without the permission the body is never looked at.
      const refused = await apiFetch(server, '/api/v1/sync', { method: 'POST', as: 'analyst@ledgerlens.demo', headers: { 'content-type': 'application/json' }, body });
      expect(refused.status).toBe(403);
    }
  }, 900_000);

  it('refuses or handles as data every hostile string in every parameter, and the data stays as it was', async () => {
    const { server, dataDir } = ctx;
    samples ??= await findSamples(server);
    const template = path.join(inject('browserTemplateRoot'), 'data');
    const requests: { what: string; target: string; method: 'GET' | 'POST'; api: boolean }[] = [];
    for (const [key, { params, base }] of Object.entries(API_PARAMS)) {
      const [method, route] = key.split(' ') as ['GET' | 'POST', string];
      const pathname = `/api/v1${samplePath(route, samples)}`;
      for (const name of params) for (const value of HOSTILE) requests.push({ what: `${key} ${name}=${JSON.stringify(value.slice(0, 30))}`, target: `${pathname}?${withParam(base, name, value)}`, method, api: true });
      // Unknown parameters are ignored: all of them at once, each hostile.
      const unknown = new URLSearchParams(base ?? '');
      HOSTILE.forEach((value, i) => unknown.set(`x${i}' OR 1=1`, value.slice(0, 200)));
      if (method === 'GET') requests.push({ what: `${key} with unknown parameters`, target: `${pathname}?${unknown}`, method, api: true });
    }
    for (const key of API_PATH_PARAMS) {
      const [method, route] = key.split(' ') as ['GET' | 'POST', string];
      for (const value of HOSTILE_PATH) {
        const pathname = `/api/v1${route.replace(/:[a-zA-Z]+/, encodeURIComponent(value))}`;
        requests.push({ what: `${key} path ${JSON.stringify(value.slice(0, 30))}`, target: `${pathname}${API_PARAMS[key]!.base ? `?${API_PARAMS[key]!.base}` : ''}`, method, api: true });
      }
    }
    for (const [route, params] of Object.entries(PAGE_PARAMS)) {
      for (const name of params) for (const value of HOSTILE_PAGE) requests.push({ what: `${route} ${name}=${JSON.stringify(value.slice(0, 30))}`, target: `${route}?${withParam(route === '/explore/download' ? 'format=csv&sql=select+1' : undefined, name, value)}`, method: 'GET', api: false });
    }
    for (const route of PAGE_PATH_PARAMS) {
      for (const value of HOSTILE_PATH) {
        const last = route.match(/\[[a-z]+\]/g)!.at(-1)!;
        const target = samplePath(route.replace(last, '\u0001'), samples).replace('\u0001', encodeURIComponent(value));
        requests.push({ what: `${route} path ${JSON.stringify(value.slice(0, 30))}`, target: target + (route.endsWith('[block]') ? '?format=csv' : ''), method: 'GET', api: false });
      }
    }
    // Raw traversal in the URL itself (not a parameter's value): the router must not leave its folder.
    for (const raw of ['/notebooks/..%2f..%2fpackage', '/notebooks/%2e%2e/%2e%2e/package.json', '/api/v1/exports/..%2f..%2fpackage.json?format=csv', '/_app/..%2f..%2fpackage.json', '/favicon.svg/..%2f..%2fpackage.json']) {
      requests.push({ what: `raw ${raw}`, target: raw, method: 'GET', api: raw.startsWith('/api/') });
    }

    const problems: string[] = [];
    const leaks: string[] = [];
    await inParallel(requests, 4, async (r) => {
      const answer = await ask(server, r.what, r.target, { method: r.method, headers: { accept: r.api ? 'application/json' : 'text/html' } });
      const p = problem(answer, r.api);
      if (p) problems.push(p);
      // Neither the files outside nor the server's inner workings show through.
      if (/root:x:0:0|"devDependencies"|at async |node_modules\//.test(answer.body)) leaks.push(`${r.what}: ${answer.body.slice(0, 200)}`);
    });
    expect(problems).toEqual([]);
    expect(leaks).toEqual([]);
    expect(requests.length).toBeGreaterThan(1200);

    // The explorer runs read-only queries: writing statements are refused, whatever their disguise.
    for (const sql of ['DROP TABLE marts.revenue_monthly', 'select 1; DELETE FROM marts.revenue_monthly', "COPY (select 1) TO '/tmp/ledgerlens-pwned.csv'", "ATTACH '/tmp/x.duckdb' AS x", "select * from read_csv('/etc/passwd')"]) {
      const answer = await ask(server, `explore ${sql}`, `/explore/download?format=csv&sql=${encodeURIComponent(sql)}`);
      expect(answer.status, `${sql}: ${answer.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(answer.status, sql).toBeLessThan(500);
      expect(answer.body).not.toMatch(/root:x:0:0/);
    }
    expect(fs.existsSync('/tmp/ledgerlens-pwned.csv')).toBe(false);

    // Nothing was written or dropped: the same tables with the same rows as the copy it started from.
    await stopServer(server);
    expect(await warehouseCounts(path.join(dataDir, 'warehouse.duckdb'))).toEqual(await warehouseCounts(path.join(template, 'warehouse.duckdb')));
    expect(await workbenchCounts(dataDir)).toEqual(await workbenchCounts(template));
  }, 900_000);
});
