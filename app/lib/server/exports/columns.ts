import { DuckDBTypeId, type DuckDBConnection, type DuckDBDecimalType, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import type { SqlParams } from '../../../../pipelines/warehouse/connection.ts';
import { maskedColumns, type PersonalKind } from '../auth/mask.ts';
import { ExportInputError } from './errors.ts';
import type { ExportColumn, ExportColumnKind } from './types.ts';

/** A money column: `<name>_minor`, integer, beside a text column named `currency`. */
export const MONEY_SUFFIX = '_minor';
export const CURRENCY_COLUMN = 'currency';

/** `"name"` with inner quotes doubled: a column name as a SQL identifier. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The caller's SQL without a trailing semicolon, so it can sit inside `( … )`. */
export function subquerySql(sql: string): string {
  const trimmed = sql.trim().replace(/;\s*$/, '');
  if (!trimmed) throw new ExportInputError('BAD_QUERY', 'the export query is empty');
  return trimmed;
}

const INTEGER_BITS: Partial<Record<DuckDBTypeId, { bits: 8 | 16 | 32 | 64; unsigned: boolean }>> = {
  [DuckDBTypeId.TINYINT]: { bits: 8, unsigned: false },
  [DuckDBTypeId.SMALLINT]: { bits: 16, unsigned: false },
  [DuckDBTypeId.INTEGER]: { bits: 32, unsigned: false },
  [DuckDBTypeId.BIGINT]: { bits: 64, unsigned: false },
  [DuckDBTypeId.UTINYINT]: { bits: 8, unsigned: true },
  [DuckDBTypeId.USMALLINT]: { bits: 16, unsigned: true },
  [DuckDBTypeId.UINTEGER]: { bits: 32, unsigned: true },
  [DuckDBTypeId.UBIGINT]: { bits: 64, unsigned: true },
  // Sums of BIGINT are HUGEINT; exports narrow them to BIGINT (see normalisedSelect).
  [DuckDBTypeId.HUGEINT]: { bits: 64, unsigned: false },
  [DuckDBTypeId.UHUGEINT]: { bits: 64, unsigned: false },
};

function kindOf(type: DuckDBType): Pick<ExportColumn, 'kind' | 'bits' | 'unsigned' | 'width' | 'scale'> {
  const integer = INTEGER_BITS[type.typeId];
  if (integer) return { kind: integer.bits === 64 ? 'bigint' : 'integer', ...integer };
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return { kind: 'boolean' };
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
      return { kind: 'double' };
    case DuckDBTypeId.DECIMAL: {
      const d = type as DuckDBDecimalType;
      return { kind: 'decimal', width: d.width, scale: d.scale };
    }
    case DuckDBTypeId.DATE:
      return { kind: 'date' };
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
      return { kind: 'timestamp' };
    case DuckDBTypeId.TIMESTAMP_TZ:
      return { kind: 'timestamptz' };
    default:
      return { kind: 'text' };
  }
}

/**
 * The columns the query returns, with their types as bound to these parameters (DuckDB plans
 * `SELECT * FROM (query) LIMIT 0`; nothing is read). Throws BAD_QUERY for SQL DuckDB rejects.
 */
export async function describeColumns(connection: DuckDBConnection, sql: string, params?: SqlParams): Promise<ExportColumn[]> {
  let names: string[];
  let types: DuckDBType[];
  try {
    const result = await connection.run(`SELECT * FROM (${subquerySql(sql)}) AS export_source LIMIT 0`, params as DuckDBValue[] | undefined);
    names = result.columnNames();
    types = result.columnTypes();
  } catch (err) {
    if (err instanceof ExportInputError) throw err;
    throw new ExportInputError('BAD_QUERY', `the export query failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new ExportInputError('BAD_QUERY', `the export query returns two columns named ${JSON.stringify(name)}; name them apart`);
    seen.add(name);
  }
  const hasCurrency = names.some((n, i) => n === CURRENCY_COLUMN && kindOf(types[i]!).kind === 'text');
  return names.map((name, i) => {
    const kind = kindOf(types[i]!);
    const isMoney = hasCurrency && name.endsWith(MONEY_SUFFIX) && name.length > MONEY_SUFFIX.length && (kind.kind === 'bigint' || kind.kind === 'integer');
    return { name, duckdbType: types[i]!.toString(), ...kind, ...(isMoney ? { money: { currencyColumn: CURRENCY_COLUMN } } : {}) };
  });
}

/** SQL twins of maskValue (app/lib/server/auth/mask.ts): the same masked text in exports as on pages. */
const MASK_SQL: Readonly<Record<PersonalKind, (expr: string) => string>> = {
  name: (e) => `CASE WHEN ${e} IS NULL OR trim(${e}) = '' THEN ${e} ELSE array_to_string(list_transform(string_split_regex(trim(${e}), '\\s+'), w -> left(w, 1) || '***'), ' ') END`,
  email: (e) =>
    `CASE WHEN ${e} IS NULL OR ${e} = '' THEN ${e} ELSE left(split_part(${e}, '@', 1), 1) || '***@' || left(split_part(${e}, '@', 2), 1) || '***' || coalesce(regexp_extract(split_part(${e}, '@', 2), '(\\.[^.]*)$', 1), '') END`,
  phone: (e) =>
    `CASE WHEN ${e} IS NULL OR ${e} = '' THEN ${e} WHEN length(regexp_replace(${e}, '\\D', '', 'g')) <= 2 THEN '***' ELSE (CASE WHEN starts_with(${e}, '+') THEN '+' ELSE '' END) || '***' || right(regexp_replace(${e}, '\\D', '', 'g'), 2) END`,
};

/** Kinds the chunk writers (Arrow, XLSX) read natively; a column of another DuckDB type reaches them as text. */
const NATIVE_KINDS: ReadonlySet<ExportColumnKind> = new Set(['boolean', 'integer', 'bigint', 'double', 'decimal', 'date', 'timestamp', 'timestamptz']);

/**
 * The query wrapped so every column has a type the export writes exactly:
 * HUGEINT (what sum(BIGINT) returns) becomes BIGINT — minor units stay 64-bit integers in every format,
 * and a sum beyond ±9.2·10^18 fails loudly rather than turning into a float (Parquet writers store
 * HUGEINT as DOUBLE). With `forChunks`, timestamps of other precisions become TIMESTAMP (µs) and
 * every type the chunk writers do not know (ENUM, UUID, TIME, INTERVAL, lists, structs…) becomes VARCHAR.
 */
export function normalisedSelect(sql: string, columns: readonly ExportColumn[], forChunks: boolean): string {
  // Personal data (by column name) is masked in SQL, so every format gets the same masked text.
  const masked = maskedColumns(columns.filter((c) => c.kind === 'text').map((c) => c.name));
  const list = columns.map((c) => {
    const id = quoteIdentifier(c.name);
    const kind = masked.get(c.name);
    if (kind) return `${MASK_SQL[kind](`CAST(${id} AS VARCHAR)`)} AS ${id}`;
    if (/^U?HUGEINT$/.test(c.duckdbType)) return `CAST(${id} AS BIGINT) AS ${id}`;
    if (!forChunks) return id;
    if (!NATIVE_KINDS.has(c.kind) && c.duckdbType !== 'VARCHAR') return `CAST(${id} AS VARCHAR) AS ${id}`;
    if (c.kind === 'timestamp' && c.duckdbType !== 'TIMESTAMP') return `CAST(${id} AS TIMESTAMP) AS ${id}`;
    return id;
  });
  return `SELECT ${list.join(', ')} FROM (${subquerySql(sql)}) AS export_source`;
}
