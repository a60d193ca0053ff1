import pg from 'pg';

/**
 * How Postgres values arrive in JS, per pool (never process-wide): bigint stays exact, numeric and
 * dates stay text so no float rounding and no time-zone shift (pg's defaults lose both).
 */
const OIDS = { int8: 20, numeric: 1700, timestamp: 1114, timestamptz: 1184, date: 1082 } as const;

/**
 * Type parsers for one pool. `timestamptz: 'text'` keeps Postgres's text with its microseconds (the
 * billing extract needs them); `'date'` gives a JS Date (milliseconds), for application state where
 * an instant is all that matters. `timestamp` without zone and `date` are always text.
 */
export function pgTypeParsers(options: { readonly timestamptz: 'text' | 'date' }): pg.CustomTypesConfig {
  return {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      switch (oid) {
        case OIDS.int8:
          return (text: string) => BigInt(text);
        case OIDS.timestamptz:
          // pg's own timestamptz parser (postgres-date) reads the offset, so any session TimeZone gives the same instant.
          return options.timestamptz === 'text' ? (text: string) => text : pg.types.getTypeParser(OIDS.timestamptz, 'text');
        case OIDS.numeric:
        case OIDS.timestamp:
        case OIDS.date:
          return (text: string) => text;
        default:
          return pg.types.getTypeParser(oid, format ?? 'text');
      }
    },
  } as pg.CustomTypesConfig;
}

export const billingTypeParsers = pgTypeParsers({ timestamptz: 'text' });

export interface PoolOptions {
  readonly max?: number;
  readonly types?: pg.CustomTypesConfig;
  /** Event name logged (JSON on stderr) when an idle connection is lost. */
  readonly idleLossEvent?: string;
}

/** A `pg` pool with Ledgerlens's per-pool type parsers (billing ones unless `types` says otherwise). */
export function createPool(connectionString: string, options: PoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 4, types: options.types ?? billingTypeParsers, application_name: 'ledgerlens' });
  const event = options.idleLossEvent ?? 'db.idle_connection_lost';
  // An idle connection the server closes (restart, failover, DROP DATABASE … FORCE) emits 'error' on
  // the pool; unhandled, that would end the process. The pool replaces the connection on next use.
  pool.on('error', (err) => {
    process.stderr.write(JSON.stringify({ at: new Date().toISOString(), event, error: err.message }) + '\n');
  });
  return pool;
}

export function createBillingPool(connectionString: string, max = 4): pg.Pool {
  return createPool(connectionString, { max, types: billingTypeParsers, idleLossEvent: 'billing_db.idle_connection_lost' });
}
