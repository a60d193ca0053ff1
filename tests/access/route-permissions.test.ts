/**
 * Every route the routers know × every kind of caller, checked against the one permission table
 * (app/lib/access/routes.ts). First the table against the routers (SvelteKit's built manifest with
 * each page's form actions and each endpoint's methods; the express /api/v1 router's stack), then
 * each route on the real built server, as each demo user, signed out and with a bad token.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { satisfies, permissionsOf, type Requirement, type Role } from '../../app/lib/access/permissions.ts';
import { API_RULES, HOME_OF_ROLE, PAGE_RULES } from '../../app/lib/access/routes.ts';
import { ROOT, sessionToken, signInAsDemoUser, useServerAndBrowser, type RunningServer } from '../browser/support.ts';
import { listApiRoutes, listKitRoutes, type KitRoute } from './router-routes.ts';
import { findSamples, inParallel, samplePath, type Samples } from './samples.ts';

/** What the table holds for SvelteKit, flattened like the manifest listing: `GET /x`, `POST /x`, `ACTION /x ?/name`. */
function tableEntries(): string[] {
  return Object.entries(PAGE_RULES).flatMap(([id, rule]) => [
    ...(rule.GET ? [`GET ${id}`] : []),
    ...(rule.POST ? [`POST ${id}`] : []),
    ...Object.keys(rule.actions ?? {}).map((name) => `ACTION ${id} ?/${name}`),
  ]);
}

function routerEntries(routes: readonly KitRoute[]): string[] {
  return routes.flatMap((r) => [...r.methods.map((m) => `${m} ${r.id}`), ...r.actions.map((name) => `ACTION ${r.id} ?/${name}`)]);
}

describe('the permission table and the routers', () => {
  it('names every SvelteKit page, endpoint method and form action of the built manifest, and nothing else', async () => {
    const routes = await listKitRoutes();
    expect(routes.length).toBeGreaterThan(30);
    const inRouter = new Set(routerEntries(routes));
    const inTable = new Set(tableEntries());
    expect({ missingFromTable: [...inRouter].filter((e) => !inTable.has(e)).sort(), notInRouter: [...inTable].filter((e) => !inRouter.has(e)).sort() }).toEqual({
      missingFromTable: [],
      notInRouter: [],
    });
  });

  it('names every /api/v1 route the express router registers, and nothing else', () => {
    const inRouter = listApiRoutes();
    expect(inRouter.length).toBeGreaterThan(20);
    expect({ missingFromTable: inRouter.filter((k) => !(k in API_RULES)).sort(), notInRouter: Object.keys(API_RULES).filter((k) => !inRouter.includes(k)).sort() }).toEqual({
      missingFromTable: [],
      notInRouter: [],
    });
  });
});

/** Who calls: the demo users (one per role, two collectors), nobody, and someone with a made-up token/session. */
type Caller = { readonly name: string; readonly email: string; readonly role: Role } | { readonly name: 'signed out' | 'bad token'; readonly email?: undefined; readonly role?: undefined };

const CALLERS: readonly Caller[] = [
  { name: 'finance', email: 'finance@ledgerlens.demo', role: 'finance' },
  { name: 'collections (Anna)', email: 'anna.petrova@ledgerlens.demo', role: 'collections' },
  { name: 'collections (Ben)', email: 'ben.carter@ledgerlens.demo', role: 'collections' },
  { name: 'analyst', email: 'analyst@ledgerlens.demo', role: 'analyst' },
  { name: 'admin', email: 'admin@ledgerlens.demo', role: 'admin' },
  { name: 'signed out' },
  { name: 'bad token' },
];

const BAD_TOKEN = `llt_${'0'.repeat(40)}`;

async function credentials(server: RunningServer, caller: Caller): Promise<Record<string, string>> {
  if (caller.name === 'bad token') return { authorization: `Bearer ${BAD_TOKEN}`, cookie: 'ledgerlens_session=not-a-session-token' };
  if (!caller.email) return {};
  return { cookie: `ledgerlens_session=${await sessionToken(server, caller.email)}` };
}

/** One request to make of the server. */
interface Probe {
  /** How the failure list names it. */
  readonly label: string;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly requirement: Requirement;
  /** page: a page view (signed out → 303 /login); data: a page's __data.json; action: a form post; endpoint: +server.ts; api: /api/v1. */
  readonly kind: 'page' | 'data' | 'action' | 'endpoint' | 'api';
  /** A request with side effects that must run after the others (and once per caller, on a session of its own). */
  readonly last?: boolean;
  readonly routeId: string;
}

/** Query strings that make allowed requests succeed (required filters, a format). */
/** The month before this one (UTC), YYYY-MM: the movements drill-down needs one. */
const LAST_MONTH = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1, 1)).toISOString().slice(0, 7);

const QUERY: Readonly<Record<string, string>> = {
  '/receivables/invoices': '?currency=RUB',
  '/mrr/movements': `?month=${LAST_MONTH}&currency=RUB`,
  'GET /mrr/movements': `?month=${LAST_MONTH}&currency=RUB`,
  'GET /quarantine/rows': '?table=customers&rule=negative_total',
  '/explore/download': '?format=csv&sql=' + encodeURIComponent('select 1 as one'),
  '/notebooks/[name]/blocks/[block]': '?format=csv',
  'GET /receivables/aging/invoices': '?currency=RUB',
  'GET /exports/:dataset': '?format=csv',
};

/** A form action's address; the notebook editor's saves go to a notebook of their own (an empty form empties it). */
function actionPath(routeId: string, path: string, name: string): string {
  const target = routeId === '/notebooks/[name]/edit' ? '/notebooks/access-probe/edit' : path;
  return name === 'default' ? target : `${target}?/${name}`;
}

function kitProbes(routes: readonly KitRoute[], samples: Samples): Probe[] {
  return routes.flatMap((r): Probe[] => {
    const rule = PAGE_RULES[r.id]!;
    const path = samplePath(r.id, samples);
    const query = QUERY[r.id] ?? '';
    const probes: Probe[] = [];
    if (r.kind === 'page') {
      probes.push({ label: `GET ${r.id}`, method: 'GET', path: path + query, requirement: rule.GET!, kind: 'page', routeId: r.id });
      probes.push({ label: `GET ${r.id} __data.json`, method: 'GET', path: `${path === '/' ? '' : path}/__data.json${query}`, requirement: rule.GET!, kind: 'data', routeId: r.id });
      for (const name of r.actions) {
        // An empty form: allowed callers get the action's own 400 (or a redirect), never an effect that matters here.
        probes.push({
          label: `POST ${r.id} ?/${name}`, method: 'POST', path: actionPath(r.id, path, name), requirement: rule.actions![name]!, kind: 'action', routeId: r.id,
          // A replay runs for minutes in the background: start it when everything else has been asked.
          last: r.id === '/collections/ladder',
        });
      }
    } else {
      for (const method of r.methods as ('GET' | 'POST')[]) {
        probes.push({ label: `${method} ${r.id}`, method, path: path + query, requirement: rule[method]!, kind: 'endpoint', routeId: r.id, last: r.id === '/logout' });
      }
    }
    return probes;
  });
}

function apiProbes(samples: Samples): Probe[] {
  return Object.keys(API_RULES).map((key) => {
    const [method, route] = key.split(' ') as ['GET' | 'POST', string];
    const path = `/api/v1${samplePath(route, samples)}${QUERY[key] ?? ''}`;
    // POST /sync runs a real sync: last, so the other answers come from a quiet server.
    return { label: key, method, path, requirement: API_RULES[key]!, kind: 'api', routeId: key, last: key === 'POST /sync' };
  });
}

/**
 * What the table says the caller should get; null = allowed (then: no 401/403, no 5xx; GETs must succeed).
 * A redirect is a 303 with `location`, or for a page's __data.json (SvelteKit's client-side navigation)
 * a 200 whose JSON body is `{ type: 'redirect', location }`. Signed-out GETs of pages and of
 * SvelteKit endpoints (downloads opened from a link) go to /login; everything else is 401.
 */
function expected(probe: Probe, caller: Caller): { status: number; location?: RegExp } | null {
  const held = caller.role ? permissionsOf(caller.role) : null;
  if (satisfies(held, probe.requirement)) return null;
  const redirect = (location: RegExp) => (probe.kind === 'data' ? { status: 200, location } : { status: 303, location });
  const view = probe.kind === 'page' || probe.kind === 'data' || (probe.kind === 'endpoint' && probe.method === 'GET');
  if (!caller.role) return view ? redirect(/^\/login\?next=/) : { status: 401 };
  if ((probe.kind === 'page' || probe.kind === 'data') && probe.routeId === '/') return redirect(new RegExp(`^${HOME_OF_ROLE[caller.role]}$`));
  return { status: 403 };
}

/** Where a response sends the caller: its Location, or a __data.json redirect's location. */
function locationOf(res: Response, body: string): string {
  if (res.headers.get('location')) return res.headers.get('location')!;
  try {
    const data = JSON.parse(body) as { type?: string; location?: string };
    return data.type === 'redirect' ? (data.location ?? '') : '';
  } catch {
    return '';
  }
}

async function ask(server: RunningServer, probe: Probe, caller: Caller, headers: Record<string, string>): Promise<Response> {
  return fetch(`${server.url}${probe.path}`, {
    method: probe.method,
    redirect: 'manual',
    headers: {
      ...headers,
      ...(probe.method === 'POST' ? { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' } : {}),
      ...(probe.kind === 'action' || probe.kind === 'page' ? { accept: 'text/html' } : {}),
    },
    body: probe.method === 'POST' ? '' : undefined,
  });
}

describe('every route × every caller on the built server', () => {
  // A notebooks folder of its own: the edit page's form action writes notebook files.
  const notebooksDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerlens-access-notebooks-'));
  fs.cpSync(path.join(ROOT, 'notebooks'), notebooksDir, { recursive: true });
  const ctx = useServerAndBrowser({ LEDGERLENS_NOTEBOOKS_DIR: notebooksDir }, { browser: false });
  afterAll(() => fs.rmSync(notebooksDir, { recursive: true, force: true }));

  it('answers each as the permission table says: allowed → works, forbidden → 403, signed out → 303 /login or 401, bad token → 401', async () => {
    const { server } = ctx;
    const samples = await findSamples(server);
    const probes = [...kitProbes(await listKitRoutes(), samples), ...apiProbes(samples)];
    const failures: string[] = [];
    let asked = 0;
    const check = async (probe: Probe, caller: Caller, headers: Record<string, string>) => {
      const res = await ask(server, probe, caller, headers);
      asked++;
      const body = await res.text();
      const want = expected(probe, caller);
      const location = locationOf(res, body);
      const got = `${res.status}${location ? ` → ${location}` : ''}`;
      const what = `${probe.label} as ${caller.name}`;
      if (want === null) {
        if (res.status === 401 || res.status === 403 || res.status >= 500) failures.push(`${what}: allowed, got ${got} ${body.slice(0, 160)}`);
        else if (probe.method === 'GET' && res.status >= 400) failures.push(`${what}: allowed, but the sample request failed: ${got} ${body.slice(0, 160)}`);
      } else if (res.status !== want.status || (want.location && !want.location.test(location)) || (!want.location && location)) {
        failures.push(`${what}: wanted ${want.status}${want.location ? ` → ${want.location}` : ''}, got ${got}`);
      }
      if (probe.kind === 'api' && caller.name === 'bad token' && probe.requirement !== 'public' && res.status !== 401) failures.push(`${what}: a bad token must get 401`);
    };
    // Every caller's session exists before the first request (sign-in has a per-IP rate limit the ?/password probes use up).
    const headersOf = new Map<Caller, Record<string, string>>();
    for (const caller of CALLERS) headersOf.set(caller, await credentials(server, caller));

    const pairs = probes.filter((p) => !p.last).flatMap((probe) => CALLERS.map((caller) => ({ probe, caller })));
    await inParallel(pairs, 4, ({ probe, caller }) => check(probe, caller, headersOf.get(caller)!));
    for (const probe of probes.filter((p) => p.last)) {
      for (const caller of CALLERS) {
        // Signing out ends the session: each caller signs out of a session of its own.
        const headers = probe.routeId === '/logout' && caller.email ? { cookie: `ledgerlens_session=${await signInAsDemoUser(server.url, caller.email)}` } : headersOf.get(caller)!;
        await check(probe, caller, headers);
      }
    }
    expect(failures).toEqual([]);
    expect(asked).toBe(probes.length * CALLERS.length);
  }, 600_000);

  it('refuses a form post from another origin (SvelteKit CSRF check), even from a signed-in admin', async () => {
    const { server } = ctx;
    const admin = await credentials(server, CALLERS.find((c) => c.role === 'admin')!);
    const crossSite = { ...admin, origin: 'https://evil.example', accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' };
    for (const path of ['/login?/demo', '/admin/users?/deactivate', '/settings/fx?/add', '/collections?/assign', '/account?/password']) {
      const res = await fetch(`${server.url}${path}`, { method: 'POST', redirect: 'manual', headers: crossSite, body: 'user=1&id=1' });
      expect(res.status, path).toBe(403);
      expect(await res.text()).toMatch(/Cross-site POST form submissions are forbidden/);
    }
    // The same post from the page's own origin reaches the action (which refuses the empty form with a 400).
    const sameSite = await fetch(`${server.url}/settings/fx?/add`, { method: 'POST', redirect: 'manual', headers: { ...crossSite, origin: server.url }, body: '' });
    expect(sameSite.status).toBe(400);
  });
});
