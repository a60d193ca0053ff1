import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { useServerAndBrowser, type RunningServer } from './support.ts';

/**
 * The production server (app/serve.ts on a copy of the seeded demo): its metrics and access log as
 * a real browser-like client sees them, then a graceful shutdown with a request still in flight.
 */
describe('operations of the running server', () => {
  const ctx = useServerAndBrowser({ LEDGERLENS_SYNC_EVERY_MINUTES: '0' });
  let cookie = '';

  const logEvents = (server: RunningServer) =>
    server.output.flatMap((chunk) => chunk.split('\n')).filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);

  async function signInAsDemoAdmin(url: string): Promise<string> {
    const html = await (await fetch(`${url}/login`)).text();
    const form = html.split('<form').find((f) => f.includes('data-role="admin"'));
    const id = /name="user" value="(\d+)"/.exec(form ?? '')?.[1];
    expect(id, 'the demo admin on the login page').toBeDefined();
    const res = await fetch(`${url}/login?/demo`, { method: 'POST', redirect: 'manual', headers: { origin: url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, body: `user=${id}` });
    expect(res.status).toBe(303);
    const session = res.headers.getSetCookie().find((c) => c.startsWith('ledgerlens_session='));
    expect(session).toBeDefined();
    return session!.split(';')[0]!;
  }

  it('measures SvelteKit pages and /api/v1 by route pattern, counts the queue, and logs each request without ids or cookies', async () => {
    const { url } = ctx.server;
    cookie = await signInAsDemoAdmin(url);
    const queue = await fetch(`${url}/collections`, { headers: { cookie } });
    expect(queue.status).toBe(200);
    const caseId = /Open #(\d+)/.exec(await queue.text())?.[1];
    expect(caseId, 'a case link on the queue page').toBeDefined();
    expect((await fetch(`${url}/collections/cases/${caseId}`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${url}/api/v1/receivables/aging?groupBy=currency`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${url}/api/v1/metrics`)).status).toBe(401);

    const metrics = await fetch(`${url}/api/v1/metrics`, { headers: { cookie } });
    expect(metrics.status).toBe(200);
    const body = await metrics.text();
    expect(body).toMatch(/^ledgerlens_http_request_duration_seconds_count\{method="GET",route="\/collections\/cases\/\[id\]",status_class="2xx"\} 1$/m);
    expect(body).toMatch(/^ledgerlens_http_request_duration_seconds_count\{method="GET",route="\/collections",status_class="2xx"\} 1$/m);
    expect(body).toMatch(/^ledgerlens_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/receivables\/aging",status_class="2xx"\} 1$/m);
    expect(body).toMatch(/^ledgerlens_http_request_duration_seconds_count\{method="POST",route="\/login",status_class="3xx"\} 1$/m);
    expect(body).not.toContain(`/cases/${caseId}`);
    expect(Number(/^ledgerlens_collection_cases_open (\d+)$/m.exec(body)?.[1])).toBeGreaterThan(0);
    expect(body).toMatch(/^ledgerlens_outbox_pending\{outbox="collections"\} \d+$/m);

    const access = logEvents(ctx.server).filter((e) => e.event === 'http.request');
    expect(access.find((e) => e.route === '/collections/cases/[id]')).toMatchObject({ method: 'GET', status: 200, principal: 'admin', level: 'info' });
    expect(access.find((e) => e.route === '/api/v1/metrics' && e.status === 401)).toMatchObject({ principal: 'anonymous' });
    const all = ctx.server.output.join('');
    expect(all).not.toContain(cookie.split('=')[1]!);
    expect(all).not.toContain(`cases/${caseId}`);
    expect(all).not.toContain('currency=RUB');
  });

  it('on SIGTERM stops accepting, finishes the request in flight with 200 and exits 0', async () => {
    const { url, child } = ctx.server;
    const port = Number(new URL(url).port);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    // A form post whose body arrives slowly: the server is inside the request when SIGTERM comes.
    const body = 'locale=en';
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request({
        host: '127.0.0.1', port, method: 'POST', path: '/account?/locale',
        headers: { cookie, origin: url, accept: 'application/json', 'x-sveltekit-action': 'true', 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(body.length) },
      }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => (text += c)).on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.flushHeaders();
      req.write(body.slice(0, 3));
      setTimeout(() => {
        child.kill('SIGTERM');
        const waitForShutdown = setInterval(() => {
          if (!logEvents(ctx.server).some((e) => e.event === 'shutting_down')) return;
          clearInterval(waitForShutdown);
          // New connections are refused while the old request is still open…
          fetch(`http://127.0.0.1:${port}/api/v1/health`).then(
            (res) => reject(new Error(`a new request was answered ${res.status} during shutdown`)),
            () => setTimeout(() => req.end(body.slice(3)), 500), // …then the rest of the body arrives.
          );
        }, 50);
      }, 1000);
    });
    const { status, text } = await answer;
    expect(status).toBe(200);
    // The locale action redirects back to the page it was posted from.
    expect(JSON.parse(text)).toMatchObject({ type: 'redirect', status: 303 });
    expect(await exited).toBe(0);
    const events = logEvents(ctx.server);
    const names = events.map((e) => e.event);
    expect(names.indexOf('shutting_down')).toBeLessThan(names.lastIndexOf('http.request'));
    expect(events.findLast((e) => e.event === 'http.request')).toMatchObject({ method: 'POST', route: '/account', status: 200, principal: 'admin' });
    expect(events.at(-1)).toMatchObject({ event: 'stopped', exitCode: 0 });
  });
});
