import type { SqlParams, Warehouse } from './connection.ts';

/**
 * Results of read queries on the app's read connection, kept until the next sync publishes.
 *
 * Why: the warehouse changes only when a sync commits, yet a department opening the same pages asks
 * the same questions over and over (the dashboard, the aging, the queue's first page), and DuckDB
 * runs a connection's queries one at a time. Between two syncs the same statement with the same
 * parameters has the same answer, so it is answered from memory.
 *
 * Rules: only SELECT/WITH statements (comments aside) that do not read meta.sync_runs (sync
 * bookkeeping, written outside the publishing transaction) or call random/uuid/nextval; statements
 * that read the clock (now, current_date, current_timestamp…) are kept one minute at most; `invalidate()` (called by
 * the services after every successful sync, see pipelines/services.ts) drops everything, and a
 * result computed across an invalidation is not stored; any other statement run through this
 * connection (a write) also invalidates. Bounded: at most `maxEntries` results and `maxRows` rows in
 * all, least recently used dropped first; a result above `maxRowsPerEntry` is never stored.
 * Callers get fresh row objects (shallow copies), so one caller changing a row cannot change another's.
 * On unless LEDGERLENS_QUERY_CACHE=0 (bench/dashboards.ts sets 0, to measure the queries themselves).
 * Only syncs write the warehouse (churn scores, forecasts and cases live in the workbench), so
 * invalidating on publish is enough.
 */
export interface ResultCacheOptions {
  readonly maxEntries?: number;
  readonly maxRows?: number;
  readonly maxRowsPerEntry?: number;
}

export interface ResultCacheStats {
  hits: number;
  misses: number;
  entries: number;
  rows: number;
  generation: number;
}

export interface CachedWarehouse extends Warehouse {
  /** Forget every result: the warehouse published a new snapshot. */
  invalidate(): void;
  readonly stats: ResultCacheStats;
}

/** The statement without comments, so a SQL file's leading `-- grain: …` lines do not hide its SELECT. */
function code(sql: string): string {
  return sql.replace(/--[^\n]*/g, ' ').replace(/\/\*[\s\S]*?\*\//g, ' ');
}
const READ = /^\s*(select|with)\b/i;
/** meta.sync_runs is written outside the publishing transaction (a run's start and end); other meta tables publish with the snapshot. */
const NEVER = /\bmeta\s*\.\s*"?sync_runs\b|\b(random|uuid|gen_random_uuid|nextval|setseed)\s*\(/i;
/** Statements that read the clock change with time as well as with the data: kept a minute at most. */
const CLOCK = /\b(now|current_date|current_timestamp|get_current_timestamp|today|current_time|localtimestamp)\b/i;
const CLOCK_MAX_AGE_MS = 60_000;

export function isCacheable(sql: string): boolean {
  const text = code(sql);
  return READ.test(text) && !NEVER.test(text);
}

function maxAgeOf(sql: string): number {
  return CLOCK.test(code(sql)) ? CLOCK_MAX_AGE_MS : Infinity;
}

function keyOf(sql: string, params: SqlParams | undefined): string {
  return `${sql}\u0000${JSON.stringify(params ?? null, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))}`;
}

export function cachedWarehouse(inner: Warehouse, options: ResultCacheOptions = {}): CachedWarehouse {
  const maxEntries = options.maxEntries ?? 2000;
  const maxRows = options.maxRows ?? 500_000;
  const maxRowsPerEntry = options.maxRowsPerEntry ?? 20_000;
  // Map keeps insertion order: re-inserting on a hit makes the first key the least recently used.
  const entries = new Map<string, { readonly rows: readonly Record<string, unknown>[]; readonly expires: number }>();
  const stats: ResultCacheStats = { hits: 0, misses: 0, entries: 0, rows: 0, generation: 0 };
  // Queries of one key in flight share one run (fifty users opening the dashboard at once).
  const pending = new Map<string, { generation: number; promise: Promise<readonly Record<string, unknown>[]> }>();

  const invalidate = () => {
    entries.clear();
    pending.clear();
    stats.generation++;
    stats.entries = 0;
    stats.rows = 0;
  };
  const drop = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    stats.rows -= entry.rows.length;
    stats.entries = entries.size;
  };
  const store = (key: string, rows: readonly Record<string, unknown>[], expires: number) => {
    if (rows.length > maxRowsPerEntry) return;
    drop(key);
    entries.set(key, { rows, expires });
    stats.rows += rows.length;
    while (entries.size > maxEntries || stats.rows > maxRows) drop(entries.keys().next().value as string);
    stats.entries = entries.size;
  };
  const copy = <T>(rows: readonly Record<string, unknown>[]): T[] => rows.map((r) => ({ ...r })) as T[];

  return {
    ...inner,
    stats,
    invalidate,
    async query<T>(sql: string, params?: SqlParams): Promise<T[]> {
      if (!isCacheable(sql)) {
        try {
          return await inner.query<T>(sql, params);
        } finally {
          if (!READ.test(code(sql))) invalidate(); // a write through the read connection
        }
      }
      const key = keyOf(sql, params);
      const hit = entries.get(key);
      if (hit && hit.expires > Date.now()) {
        stats.hits++;
        entries.delete(key);
        entries.set(key, hit);
        return copy<T>(hit.rows);
      }
      if (hit) drop(key);
      const generation = stats.generation;
      const running = pending.get(key);
      if (running && running.generation === generation) {
        stats.hits++;
        return copy<T>(await running.promise);
      }
      stats.misses++;
      const promise = inner.query<Record<string, unknown>>(sql, params);
      pending.set(key, { generation, promise });
      try {
        const rows = await promise;
        if (stats.generation === generation) store(key, rows, Date.now() + maxAgeOf(sql));
        return copy<T>(rows);
      } finally {
        if (pending.get(key)?.promise === promise) pending.delete(key);
      }
    },
    async exec(sql: string): Promise<void> {
      try {
        await inner.exec(sql);
      } finally {
        invalidate();
      }
    },
  };
}

/** On by default; LEDGERLENS_QUERY_CACHE=0 turns it off (to measure queries, or to rule the cache out). */
export function queryCacheEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.LEDGERLENS_QUERY_CACHE !== '0';
}
