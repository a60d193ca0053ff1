import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { sql } from 'kysely';
import type { WorkbenchDb } from '../workbench/database.ts';
import { findServices } from '../services.ts';

/**
 * Prometheus metrics of the process, served at GET /api/v1/metrics (permission 'metrics:read').
 * One registry per process on globalThis under a registered symbol: the express entry and the
 * SvelteKit bundle each load this module, and both observe into the same metrics.
 * Labels are bounded: route patterns (never raw URLs with ids), status classes, table names.
 */
export interface LedgerlensMetrics {
  readonly registry: Registry;
  readonly httpDuration: Histogram<'method' | 'route' | 'status_class'>;
  readonly syncDuration: Histogram<'mode' | 'status'>;
  readonly syncRows: Gauge<'table'>;
  readonly syncRowsTotal: Counter<'table'>;
  readonly syncLastSuccess: Gauge;
  /** Where the queue gauges read from: the started services' workbench (tests may point it elsewhere). */
  queueSource: () => WorkbenchDb | undefined;
}

const KEY = Symbol.for('ledgerlens.metrics');
type Holder = { [KEY]?: LedgerlensMetrics };

/** Latency buckets around the 300 ms page goal. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2.5, 5, 10];
const SYNC_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1200];

function create(): LedgerlensMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'ledgerlens_' });
  const metrics: LedgerlensMetrics = {
    registry,
    httpDuration: new Histogram({
      name: 'ledgerlens_http_request_duration_seconds',
      help: 'Time from request to the end of the response, by route pattern and status class',
      labelNames: ['method', 'route', 'status_class'],
      buckets: HTTP_BUCKETS,
      registers: [registry],
    }),
    syncDuration: new Histogram({
      name: 'ledgerlens_sync_duration_seconds',
      help: 'Duration of syncs from the billing database into the warehouse',
      labelNames: ['mode', 'status'],
      buckets: SYNC_BUCKETS,
      registers: [registry],
    }),
    syncRows: new Gauge({ name: 'ledgerlens_sync_rows', help: 'Rows read from each billing table by the last sync', labelNames: ['table'], registers: [registry] }),
    syncRowsTotal: new Counter({ name: 'ledgerlens_sync_rows_total', help: 'Rows read from each billing table by all syncs since the start', labelNames: ['table'], registers: [registry] }),
    syncLastSuccess: new Gauge({ name: 'ledgerlens_sync_last_success_timestamp_seconds', help: 'When the last successful sync finished (Unix time)', registers: [registry] }),
    queueSource: () => findServices()?.workbench.db,
  };
  registerQueueGauges(metrics);
  return metrics;
}

/** Queue sizes, read from the workbench database when Prometheus scrapes (nothing to keep in step). */
function registerQueueGauges(metrics: LedgerlensMetrics): void {
  const db = () => metrics.queueSource();
  new Gauge({
    name: 'ledgerlens_collection_cases_open',
    help: 'Open collection cases (the collections queue)',
    registers: [metrics.registry],
    async collect() {
      const workbench = db();
      if (!workbench) return;
      const row = await workbench.selectFrom('cases').select((eb) => eb.fn.countAll<string>().as('n')).where('status', '=', 'open').executeTakeFirstOrThrow();
      this.set(Number(row.n));
    },
  });
  new Gauge({
    name: 'ledgerlens_outbox_pending',
    help: 'Approved actions in an outbox not yet acknowledged by the billing system',
    labelNames: ['outbox'],
    registers: [metrics.registry],
    async collect() {
      const workbench = db();
      if (!workbench) return;
      const { rows } = await sql<{ outbox: string; n: string }>`
        select 'collections' as outbox, count(*) as n from workbench.outbox where acknowledged_at is null
        union all
        select 'retention_bonuses', count(*) from workbench.retention_bonus_outbox where acknowledged_at is null`.execute(workbench);
      for (const r of rows) this.set({ outbox: r.outbox }, Number(r.n));
    },
  });
}

export function metrics(): LedgerlensMetrics {
  return ((globalThis as Holder)[KEY] ??= create());
}

/** '2xx', '4xx', …: status codes grouped, so a label never multiplies by every code. */
export function statusClass(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}

export function observeRequest(method: string, route: string, status: number, seconds: number): void {
  metrics().httpDuration.observe({ method, route, status_class: statusClass(status) }, seconds);
}

export interface SyncObservation {
  readonly mode: string;
  readonly status: 'succeeded' | 'failed';
  readonly seconds: number;
  /** Rows read per billing table (empty for a sync that failed before reading). */
  readonly rowsByTable: ReadonlyMap<string, number>;
}

export function observeSync(o: SyncObservation): void {
  const m = metrics();
  m.syncDuration.observe({ mode: o.mode, status: o.status }, o.seconds);
  if (o.status !== 'succeeded') return;
  m.syncLastSuccess.set(Date.now() / 1000);
  for (const [table, rows] of o.rowsByTable) {
    m.syncRows.set({ table }, rows);
    m.syncRowsTotal.inc({ table }, rows);
  }
}
