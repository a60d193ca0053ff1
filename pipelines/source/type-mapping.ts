import pg from 'pg';

/**
 * How Postgres values arrive in JS, per pool (never process-wide): bigint stays exact, numeric and
 * timestamps stay text so no float rounding or lost microseconds (pg's defaults lose both).
 */
const OIDS = { int8: 20, numeric: 1700, timestamp: 1114, timestamptz: 1184, date: 1082 } as const;

export const billingTypeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    switch (oid) {
      case OIDS.int8:
        return (text: string) => BigInt(text);
      case OIDS.numeric:
      case OIDS.timestamp:
      case OIDS.timestamptz:
      case OIDS.date:
        return (text: string) => text;
      default:
        return pg.types.getTypeParser(oid, format ?? 'text');
    }
  },
} as pg.CustomTypesConfig;

export function createBillingPool(connectionString: string, max = 4): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, types: billingTypeParsers, application_name: 'ledgerlens' });
  // An idle connection the server closes (restart, failover, DROP DATABASE … FORCE) emits 'error' on
  // the pool; unhandled, that would end the process. The pool replaces the connection on next use.
  pool.on('error', (err) => {
    process.stderr.write(JSON.stringify({ at: new Date().toISOString(), event: 'billing_db.idle_connection_lost', error: err.message }) + '\n');
  });
  return pool;
}
