import { building } from '$app/environment';
import { error, redirect, type Handle, type ServerInit } from '@sveltejs/kit';
import { loadConfig } from '../pipelines/config.ts';
import { startServices } from '../pipelines/services.ts';
import { findServices, getServices, setServices } from '$lib/server/services.ts';
import { runCollections } from '$lib/server/collections/daily-run.ts';
import { runChurnAfterSync } from '$lib/server/churn/after-sync.ts';
import { startFirstReplay } from '$lib/server/ladder/services.ts';
import { HOME_OF_ROLE } from '$lib/access/routes.ts';
import { audit } from '$lib/server/auth/audit.ts';
import { actionName, decide, pageRequirement } from '$lib/server/auth/authorize.ts';
import { auditedKind, isDownload } from '$lib/server/auth/audited-routes.ts';
import { runAs } from '$lib/server/auth/principal.ts';
import { principalOfSession, SESSION_COOKIE } from '$lib/server/auth/sessions.ts';
import { prepareAccess } from '$lib/server/auth/start.ts';
import { resolveLocale } from '$lib/i18n/locale.ts';
import { runInLocale } from '$lib/i18n/server.ts';
import { logger } from '$lib/server/ops/log.ts';
import { noteRequest } from '$lib/server/ops/request-context.ts';
import { isFormPost, nulInForm, nulInUrl, nulMessage } from '$lib/server/nul-input.ts';

/**
 * In production app/serve.ts registers the services before it imports the bundle, so this does
 * nothing. Under `vite dev` there is no serve.ts: start them here, once per process.
 */
export const init: ServerInit = async () => {
  if (building || findServices()) return;
  const services = await startServices(loadConfig(), undefined, { afterSync: async (_summary, started) => { await runChurnAfterSync(started); await runCollections(started); await startFirstReplay(started); } });
  await prepareAccess(services);
  setServices(services);
};

/** Pages a user who must change the one-time password may still open. */
const BEFORE_PASSWORD_CHANGE = new Set(['/account', '/logout', '/login']);

/**
 * Every SvelteKit request: who is asking (the session cookie), then what the route's rule in the
 * permission table (app/lib/access/routes.ts) asks. A route or action missing from the table is
 * refused. The principal is kept for the request so exports and row mappers can mask personal data.
 */
export const handle: Handle = async ({ event, resolve }) => {
  const { workbench } = getServices();
  const principal = await principalOfSession(workbench.db, event.cookies.get(SESSION_COOKIE));
  event.locals.principal = principal;
  // The UI language: the user's saved choice, else the browser's; pages render in it (<html lang>, messages, formats).
  const locale = resolveLocale(principal?.kind === 'user' ? principal.locale : null, event.request.headers.get('accept-language'));
  event.locals.locale = locale;
  const render = () => runInLocale(locale, event.url.origin, () => runAs(principal, () => resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', locale) })));
  const routeId = event.route.id;
  if (routeId !== null) noteRequest(routeId, principal);
  if (routeId === null) return render(); // no such page: SvelteKit's 404
  const requirement = pageRequirement(routeId, event.request.method, event.url);
  if (requirement === null) {
    logger.error('route_not_in_permission_table', { route: routeId, method: event.request.method });
    error(500, { message: `${event.request.method} ${routeId} is not in the permission table`, code: 'NOT_IN_PERMISSION_TABLE' });
  }
  const decision = decide(principal, requirement);
  const isPageView = event.request.method === 'GET' && !event.url.pathname.endsWith('/__data.json');
  if (decision === 'sign-in') {
    if (isPageView) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
    error(401, { message: 'Sign in first', code: 'UNAUTHENTICATED' });
  }
  if (decision === 'forbidden' && principal) {
    if (routeId === '/' && principal.kind === 'user' && isPageView) redirect(303, HOME_OF_ROLE[principal.role]);
    await audit(workbench.db, { kind: 'access_denied', outcome: 'denied', principal, target: `${event.request.method} ${event.url.pathname}`, ip: event.getClientAddress(), details: { requires: requirement } });
    error(403, { message: `Your role may not ${event.request.method === 'GET' ? 'open' : 'do'} this (needs "${requirement}")`, code: 'FORBIDDEN' });
  }
  if (principal?.kind === 'user' && principal.mustChangePassword && !BEFORE_PASSWORD_CHANGE.has(routeId) && isPageView) {
    redirect(303, '/account?first=1');
  }
  // A NUL in the address or a form field would reach Postgres and fail there (500): refused here instead.
  const nul = nulInUrl(event.url) ?? (isFormPost(event.request) ? nulInForm(await event.request.clone().formData().catch(() => new FormData())) : null);
  if (nul) error(400, { message: nulMessage(nul), code: 'BAD_CHARACTER' });
  const response = await render();
  const method = event.request.method;
  const kind = auditedKind(routeId, method === 'POST' ? actionName(event.url) : 'GET') ?? (method === 'GET' && isDownload(event.url) ? 'export' : null);
  if (kind) {
    await audit(workbench.db, {
      kind, principal, outcome: response.status < 400 ? 'ok' : 'failed', target: event.url.pathname, ip: event.getClientAddress(),
      details: { route: routeId, ...(method === 'POST' ? { action: actionName(event.url) } : { query: [...event.url.searchParams.keys()].join(',') }), status: response.status },
    });
  }
  return response;
};
