/**
 * Production entry: `vite build`, then `tsx app/serve.ts`.
 *
 * Listens at once (so health checks and the "starting" page answer during a slow startup), starts
 * the pipelines' services (embedded billing DB, warehouse, first sync), then mounts the SvelteKit
 * handler from build/. /api/v1 routes come first; no global body parsers (SvelteKit reads the raw
 * request stream itself).
 */
import express, { type RequestHandler } from 'express';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../pipelines/config.ts';
import { startServices, type LedgerlensServices } from '../pipelines/services.ts';
import { createApiRouter } from './lib/server/api/router.ts';
import { runCollections } from './lib/server/collections/daily-run.ts';
import { runChurnAfterSync } from './lib/server/churn/after-sync.ts';
import { startFirstReplay } from './lib/server/ladder/services.ts';
import { runForecasts } from './lib/server/forecast/run.ts';
import { startReportScheduler, type RunningReports } from './lib/server/reports/app-scheduler.ts';
import { setServices } from './lib/server/services.ts';
import { startWebhookDelivery } from './lib/server/webhooks/app-webhooks.ts';
import type { WebhookDeliverer } from './lib/server/webhooks/delivery.ts';
import { prepareAccess } from './lib/server/auth/start.ts';
import { accessLog } from './lib/server/ops/access-log.ts';
import { logRecord } from './lib/server/ops/log.ts';

const SHUTDOWN_GRACE_MS = 10_000;

const log = (event: string, fields: Record<string, unknown> = {}): void => logRecord({ event, ...fields });

const STARTING_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
<title>Ledgerlens is starting</title><style>body{font:16px/1.5 system-ui,sans-serif;color:#1d2733;max-width:36rem;margin:20vh auto;padding:0 1rem}</style>
</head><body><h1>Ledgerlens is starting…</h1><p>Preparing the billing database and running the first sync. This page reloads by itself.</p></body></html>`;

const config = loadConfig();
const app = express();
app.disable('x-powered-by');
app.use(accessLog());
app.use('/api/v1', createApiRouter());

let svelteKitHandler: RequestHandler | null = null;
app.use((req, res, next) => {
  if (svelteKitHandler) return svelteKitHandler(req, res, next);
  res.status(503).setHeader('Retry-After', '5').type('html').send(STARTING_PAGE);
});

const server = app.listen(config.port);
server.on('error', (err) => {
  log('listen_failed', { error: err.message });
  process.exit(1);
});

let services: LedgerlensServices | null = null;
let reports: RunningReports | null = null;
let webhooks: WebhookDeliverer | null = null;
let startup: Promise<void> | null = null;

server.on('listening', () => {
  const { port } = server.address() as AddressInfo;
  const url = `http://localhost:${port}`;
  // adapter-node builds request URLs from ORIGIN (read when build/handler.js is imported). Set ORIGIN
  // (or PROTOCOL_HEADER/HOST_HEADER behind a proxy) when the app is reached under another name.
  process.env.ORIGIN ||= url;
  log('listening', { url, origin: process.env.ORIGIN });
  startup = start();
});

async function start(): Promise<void> {
  const began = Date.now();
  try {
    // After every successful sync: cases for the queue, promises judged, proposals recorded.
    services = await startServices(config, logRecord, {
      afterSync: async (_summary, started) => {
        await runChurnAfterSync(started);
        await runCollections(started);
        await runForecasts(started);
        await startFirstReplay(started);
      },
    });
    if (shuttingDown) return; // SIGTERM arrived during startup: shutdown() closes the services.
    await prepareAccess(services);
    setServices(services);
    // Scheduled reports: a timer calls the scheduler's tick; stopped before the services close.
    reports = startReportScheduler(services, (fields) => logRecord(fields));
    // Signed webhooks for new approved actions; safe beside another process on the same database.
    webhooks = startWebhookDelivery(services, (fields) => logRecord(fields));
    // Imported only now: the bundle's hooks and loads expect the services to be registered.
    const buildHandler = new URL('../build/handler.js', import.meta.url).href;
    const { handler } = (await import(buildHandler)) as { handler: RequestHandler };
    svelteKitHandler = handler;
    log('ready', { ms: Date.now() - began });
  } catch (err) {
    log('startup_failed', { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    await shutdown('startup_failed', 1);
  }
}

let shuttingDown = false;

async function shutdown(reason: string, exitCode = 0): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  log('shutting_down', { reason });
  const force = setTimeout(() => {
    log('shutdown_forced', { afterMs: SHUTDOWN_GRACE_MS });
    server.closeAllConnections();
  }, SHUTDOWN_GRACE_MS);
  force.unref();
  // Stop accepting, let in-flight requests finish; idle keep-alive sockets would hold close() open.
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  await closed;
  clearTimeout(force);
  if (reason !== 'startup_failed') await startup?.catch(() => undefined);
  try {
    await reports?.stop();
    await webhooks?.stop();
    await services?.close();
  } catch (err) {
    log('close_failed', { error: err instanceof Error ? err.message : String(err) });
    exitCode ||= 1;
  }
  log('stopped', { exitCode });
  process.exit(exitCode);
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (shuttingDown) {
      log('shutdown_second_signal', { signal });
      process.exit(1);
    }
    void shutdown(signal);
  });
}
