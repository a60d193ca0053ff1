import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { contractTable, SOURCE_SCHEMA, type ContractTableName } from '../source/contract.ts';

/** Row count and money sums of one table (and currency) in the source, for reconciliation. */
export interface SourceAggregate {
  readonly table: ContractTableName;
  readonly currency: string | null;
  readonly rows: bigint;
  readonly sums: Readonly<Record<string, bigint>>;
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * One consistent read of the billing database: a REPEATABLE READ, READ ONLY transaction, so every
 * table is extracted, and reconciled, as of the same instant.
 */
export class SourceSnapshot {
  private constructor(
    private readonly client: pg.PoolClient,
    /** When the snapshot began, by the source's clock (ISO text with offset): the next watermark. */
    readonly startedAt: string,
  ) {}

  static async open(pool: pg.Pool): Promise<SourceSnapshot> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      // UTC and ISO output, whatever the server's defaults, so DuckDB reads instants exactly.
      await client.query("SELECT set_config('TimeZone', 'UTC', true), set_config('DateStyle', 'ISO, YMD', true)");
      const { rows } = await client.query<{ started_at: string }>('SELECT now()::text AS started_at');
      return new SourceSnapshot(client, rows[0]!.started_at);
    } catch (err) {
      client.release();
      throw err;
    }
  }

  /** Streams the table (rows updated after `since`, if given) as CSV into `sink`. */
  async copyTable(table: ContractTableName, since: string | null, sink: Writable): Promise<void> {
    const columns = contractTable(table).columns.map((c) => q(c.name)).join(', ');
    let where = '';
    if (since !== null) {
      // COPY takes no bind parameters; the watermark travels as a bound setting instead.
      await this.client.query("SELECT set_config('ledgerlens.since', $1, true)", [since]);
      where = " WHERE updated_at > current_setting('ledgerlens.since')::timestamptz";
    }
    const sql = `COPY (SELECT ${columns} FROM ${q(SOURCE_SCHEMA)}.${q(table)}${where}) TO STDOUT (FORMAT csv)`;
    await pipeline(this.client.query(copyTo(sql)), sink);
  }

  /** Planner's row estimate for the contract tables (0 for views), to size a progress bar. */
  async estimateRows(tables: readonly string[]): Promise<number> {
    const { rows } = await this.client.query<{ n: string | null }>(
      `SELECT sum(greatest(c.reltuples, 0))::bigint::text AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = $1 AND c.relname = ANY($2) AND c.relkind = 'r'`,
      [SOURCE_SCHEMA, tables],
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** Streams only the ids, to find rows deleted in the source. */
  async copyIds(table: ContractTableName, sink: Writable): Promise<void> {
    await pipeline(this.client.query(copyTo(`COPY (SELECT id FROM ${q(SOURCE_SCHEMA)}.${q(table)}) TO STDOUT (FORMAT csv)`)), sink);
  }

  async aggregates(table: ContractTableName): Promise<SourceAggregate[]> {
    const spec = contractTable(table);
    const currency = spec.currencyColumn ? q(spec.currencyColumn) : 'NULL::text';
    const sums = spec.moneyColumns.map((c) => `coalesce(sum(${q(c)}), 0)::text AS ${q(c)}`);
    const sql = `SELECT ${currency} AS currency, count(*)::text AS rows${sums.length ? ', ' + sums.join(', ') : ''}
      FROM ${q(SOURCE_SCHEMA)}.${q(table)} GROUP BY 1`;
    const { rows } = await this.client.query<Record<string, string | null>>(sql);
    return rows.map((r) => ({
      table,
      currency: r.currency ?? null,
      rows: BigInt(r.rows!),
      sums: Object.fromEntries(spec.moneyColumns.map((c) => [c, BigInt(r[c]!)])),
    }));
  }

  async close(): Promise<void> {
    try {
      await this.client.query('COMMIT');
    } finally {
      this.client.release();
    }
  }

  /** Ends the snapshot after a failure; the connection is discarded rather than reused. */
  abort(err: Error): void {
    this.client.release(err);
  }
}
