import { contractTable, type ContractTableName } from '../source/contract.ts';

/** Warehouse name of a contract table's raw copy: exactly the source rows, typed, nothing dropped. */
export function rawTable(table: ContractTableName): string {
  return `raw.${table}`;
}

export function columnList(table: ContractTableName): string {
  return contractTable(table).columns.map((c) => `"${c.name}" ${c.type}`).join(', ');
}

/** Creates (or empties) the raw table, or with `temporary` a session-local table of the same shape. */
export function createRawTableSql(table: ContractTableName, target = rawTable(table), temporary = false): string {
  return `CREATE OR REPLACE ${temporary ? 'TEMPORARY ' : ''}TABLE ${target} (${columnList(table)})`;
}

/**
 * Reads one CSV chunk written by the source's COPY ... (FORMAT csv). The file path is bound as $1;
 * the column list comes from the contract, never from input. An unquoted empty field is NULL.
 */
export function readCsvSql(table: ContractTableName): string {
  const columns = contractTable(table).columns.map((c) => `'${c.name}': '${c.type}'`).join(', ');
  return `SELECT * FROM read_csv($1, header = false, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {${columns}})`;
}
