import { m } from '$lib/paraglide/messages.js';
import { StatementType, type DuckDBConnection, type DuckDBType, type DuckDBValue, type Json } from '@duckdb/node-api';
import { maskedColumns, maskValue } from '../auth/mask.ts';

/**
 * Read-only SQL for analysts (the /explore page and every notebook block).
 *
 * Why this shape (DuckDB 1.5, one read-write instance per warehouse file and process):
 * - A second instance opened with `access_mode = READ_ONLY` on the same file cannot live beside the
 *   app's read-write instance in one process, and `ATTACH … (READ_ONLY)` of a file that is already
 *   attached is refused ("unique file handle conflict"). So the guarantee is built on the shared
 *   instance, on a connection of the query's own, in three layers:
 *   1. **Only one SELECT.** `extractStatements` splits the text the way DuckDB will run it; exactly
 *      one statement, which DuckDB's serializer (`json_serialize_sql`, parsing only) accepts as a
 *      plain SELECT — INSERT, UPDATE, DELETE, CREATE, DROP, COPY, ATTACH, SET, CALL, EXPLAIN and
 *      PRAGMA (which the planner would rewrite into a SELECT) are refused before anything is bound
 *      or run — and whose prepared `statementType` is SELECT.
 *   2. **Warehouse tables only.** The instance keeps `enable_external_access` on — the sync reads its
 *      chunk files with `read_csv`, and the setting is instance-wide and cannot be turned back on —
 *      so a SELECT could still read files (`read_csv('/etc/passwd')`, `FROM 'x.parquet'`) or other
 *      databases. The parsed tree is walked instead: table functions other than the pure generators
 *      below are refused, a table name must be a plain identifier of this database (a quoted path
 *      would be a replacement scan of a file), and functions with side effects (`nextval`,
 *      `setseed`) are refused.
 *   3. **A READ ONLY transaction, always rolled back.** The statement runs inside
 *      `BEGIN TRANSACTION READ ONLY`, so even something the checks above missed cannot write to the
 *      warehouse; it ends with ROLLBACK whatever happened.
 * Limits: a time limit (`connection.interrupt()` after `timeoutMs`) and a row limit (the result is
 * streamed and reading stops after `rowLimit + 1` rows; `truncated` says so).
 */

/** Table functions that read nothing but their arguments. */
const ALLOWED_TABLE_FUNCTIONS = new Set(['range', 'generate_series', 'unnest']);
/** Scalar functions that change state (sequences, the random seed). */
const REFUSED_FUNCTIONS = new Set(['nextval', 'currval', 'setseed']);
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export type ReadOnlyQueryErrorCode = 'EMPTY_QUERY' | 'MULTIPLE_STATEMENTS' | 'NOT_A_QUERY' | 'EXTERNAL_ACCESS' | 'TIMEOUT' | 'SQL_ERROR' | 'UNBOUND_PARAMETER';

/** A query that was refused or failed; `message` says what to change. */
export class ReadOnlyQueryError extends Error {
  readonly status = 400;
  constructor(
    readonly code: ReadOnlyQueryErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A bound parameter: a value and, where the JS value alone does not say it, its DuckDB type. */
export interface BoundValue {
  readonly value: DuckDBValue;
  readonly type?: DuckDBType;
}

export interface QueryLimits {
  /** Interrupt the query after this many milliseconds. */
  readonly timeoutMs: number;
  /** At most this many rows come back. */
  readonly rowLimit: number;
}

export const DEFAULT_LIMITS: QueryLimits = { timeoutMs: 30_000, rowLimit: 10_000 };

export interface ResultColumn {
  readonly name: string;
  /** DuckDB's type name, e.g. BIGINT, DECIMAL(18,2), DATE. */
  readonly type: string;
}

/**
 * A query's result with JSON-safe values: integers beyond 2^53 and DECIMALs as exact strings, dates
 * and timestamps as ISO-like text, NULL as null.
 */
export interface QueryResult {
  readonly columns: ResultColumn[];
  readonly rows: Json[][];
  /** More rows existed than `rowLimit`; only the first `rowLimit` are in `rows`. */
  readonly truncated: boolean;
  readonly rowLimit: number;
  readonly elapsedMs: number;
}

/**
 * Runs one SELECT read-only on `connection` (a connection of the caller's own, not shared with
 * other requests: the transaction and the interrupt are per connection). `params` are bound by name
 * (`$from` in the SQL is `params.from`); every parameter the statement names must be given.
 */
export async function runReadOnlyQuery(
  connection: DuckDBConnection,
  sql: string,
  params: Readonly<Record<string, BoundValue>> = {},
  limits: QueryLimits = DEFAULT_LIMITS,
): Promise<QueryResult> {
  const started = Date.now();
  let timedOut = false;
  await connection.run('BEGIN TRANSACTION READ ONLY');
  const timer = setTimeout(() => {
    timedOut = true;
    connection.interrupt();
  }, limits.timeoutMs);
  try {
    const prepared = await prepareSelect(connection, sql);
    const values: Record<string, DuckDBValue> = {};
    const types: Record<string, DuckDBType | undefined> = {};
    for (let i = 1; i <= prepared.parameterCount; i++) {
      const name = prepared.parameterName(i);
      const bound = params[name];
      if (!bound) throw new ReadOnlyQueryError('UNBOUND_PARAMETER', m.dt_ex_err_unbound({ name }));
      values[name] = bound.value;
      types[name] = bound.type;
    }
    if (prepared.parameterCount > 0) prepared.bind(values, types);
    const reader = await prepared.streamAndReadUntil(limits.rowLimit + 1);
    const rows = reader.getRowsJson();
    const columns = reader.columnNames().map((name, i) => ({ name, type: reader.columnTypes()[i]!.toString() }));
    const masked = [...maskedColumns(columns.map((c) => c.name))].map(([name, kind]) => [columns.findIndex((c) => c.name === name), kind] as const);
    const shown = rows.slice(0, limits.rowLimit);
    if (masked.length > 0) for (const row of shown) for (const [i, kind] of masked) if (typeof row[i] === 'string' && row[i] !== '') row[i] = maskValue(row[i], kind);
    return {
      columns,
      rows: shown,
      truncated: rows.length > limits.rowLimit,
      rowLimit: limits.rowLimit,
      elapsedMs: Date.now() - started,
    };
  } catch (err) {
    if (err instanceof ReadOnlyQueryError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    if (timedOut) throw new ReadOnlyQueryError('TIMEOUT', m.dt_ex_err_timeout({ seconds: String(limits.timeoutMs / 1000) }));
    throw new ReadOnlyQueryError('SQL_ERROR', message);
  } finally {
    clearTimeout(timer);
    await connection.run('ROLLBACK').catch(() => undefined);
  }
}

/**
 * Layers 1 and 2 alone, for callers that run the text themselves (the explorer's downloads stream it
 * through the exports): throws ReadOnlyQueryError unless `sql` is one SELECT over warehouse tables.
 * Runs nothing but the parser and a prepare inside a READ ONLY transaction that is rolled back.
 */
export async function assertReadOnlySelect(connection: DuckDBConnection, sql: string): Promise<void> {
  await connection.run('BEGIN TRANSACTION READ ONLY');
  try {
    await prepareSelect(connection, sql);
  } finally {
    await connection.run('ROLLBACK').catch(() => undefined);
  }
}

async function prepareSelect(connection: DuckDBConnection, sql: string) {
  if (!sql.trim()) throw new ReadOnlyQueryError('EMPTY_QUERY', m.dt_ex_err_empty());
  let extracted;
  try {
    extracted = await connection.extractStatements(sql);
  } catch (err) {
    throw new ReadOnlyQueryError('SQL_ERROR', err instanceof Error ? err.message : String(err));
  }
  if (extracted.count === 0) throw new ReadOnlyQueryError('EMPTY_QUERY', m.dt_ex_err_empty());
  if (extracted.count > 1) {
    throw new ReadOnlyQueryError('MULTIPLE_STATEMENTS', m.dt_ex_err_multiple({ count: String(extracted.count) }));
  }
  // The parsed tree is checked before anything is bound: binding a table function already opens
  // its file (read_csv sniffs it), so a refused query must never reach prepare().
  const serialized = await connection.runAndReadAll('SELECT json_serialize_sql($1::VARCHAR) AS tree', [sql]);
  const tree = JSON.parse(String(serialized.getRowObjectsJS()[0]!.tree)) as { error?: boolean; error_message?: string; statements?: unknown };
  if (tree.error) {
    const keyword = leadingKeyword(sql);
    throw new ReadOnlyQueryError(
      'NOT_A_QUERY',
      /^(SELECT|WITH|FROM|VALUES|TABLE|DESCRIBE|SUMMARIZE|SHOW|\()/.test(keyword)
        ? m.dt_ex_err_not_select({ reason: tree.error_message ?? m.dt_ex_err_not_select_default() })
        : m.dt_ex_err_statement({ keyword }),
    );
  }
  checkTree(tree.statements);
  const prepared = await extracted.prepare(0);
  // Belt and braces: what DuckDB will actually run must be a SELECT.
  if (prepared.statementType !== StatementType.SELECT) {
    throw new ReadOnlyQueryError('NOT_A_QUERY', m.dt_ex_err_statement_type({ type: String(StatementType[prepared.statementType]) }));
  }
  return prepared;
}

/** The statement's first word, upper case, after comments and whitespace (for the refusal message). */
function leadingKeyword(sql: string): string {
  const text = sql.replace(/^(\s+|--[^\n]*\n?|\/\*[\s\S]*?\*\/)+/, '');
  return (/^[A-Za-z_]+|^\(/.exec(text)?.[0] ?? 'This').toUpperCase();
}

/** Walks DuckDB's parsed tree and refuses anything that reads outside the warehouse or changes state. */
function checkTree(node: unknown): void {
  if (Array.isArray(node)) {
    for (const child of node) checkTree(child);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const n = node as Record<string, unknown>;
  if (n.type === 'TABLE_FUNCTION') {
    const name = String((n.function as { function_name?: unknown } | undefined)?.function_name ?? '').toLowerCase();
    if (!ALLOWED_TABLE_FUNCTIONS.has(name)) {
      throw new ReadOnlyQueryError(
        'EXTERNAL_ACCESS',
        m.dt_ex_err_table_function({ name, allowed: [...ALLOWED_TABLE_FUNCTIONS].join(', ') }),
      );
    }
  }
  if (n.type === 'BASE_TABLE') {
    const name = String(n.table_name ?? '');
    if (!IDENTIFIER.test(name)) {
      throw new ReadOnlyQueryError('EXTERNAL_ACCESS', m.dt_ex_err_file({ name }));
    }
    if (n.catalog_name) {
      throw new ReadOnlyQueryError('EXTERNAL_ACCESS', m.dt_ex_err_catalog({ name: `${String(n.catalog_name)}.${String(n.schema_name)}.${name}` }));
    }
  }
  if (n.class === 'FUNCTION' && REFUSED_FUNCTIONS.has(String(n.function_name ?? '').toLowerCase())) {
    throw new ReadOnlyQueryError('NOT_A_QUERY', m.dt_ex_err_function({ name: String(n.function_name) }));
  }
  for (const value of Object.values(n)) checkTree(value);
}
