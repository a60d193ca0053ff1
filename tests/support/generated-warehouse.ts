import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { generateDemoData, type GenerateOptions, type GenerateResult } from '../../pipelines/generate/generate.ts';
import { CONTRACT_TABLE_NAMES } from '../../pipelines/source/contract.ts';
import { wrapConnection, type Warehouse } from '../../pipelines/warehouse/connection.ts';
import { createRawTableSql, readCsvSql } from '../../pipelines/warehouse/raw-tables.ts';

/**
 * Generates demo data straight into an in-memory DuckDB (tables raw.*), to check its invariants with
 * SQL. `instance` gives further connections to the same database (e.g. for read-only query tests).
 */
export async function generateIntoDuckDB(
  options: Omit<GenerateOptions, 'sink'>,
  dir: string,
): Promise<{ warehouse: Warehouse; result: GenerateResult; instance: DuckDBInstance }> {
  let seq = 0;
  const files: { table: string; file: string }[] = [];
  const result = await generateDemoData({
    ...options,
    sink: {
      async copy(table, csv) {
        const file = path.join(dir, `${table}-${++seq}.csv`);
        fs.writeFileSync(file, csv);
        files.push({ table, file });
      },
    },
  });
  const instance = await DuckDBInstance.create(':memory:');
  const warehouse = wrapConnection(await instance.connect());
  await warehouse.exec('CREATE SCHEMA raw');
  for (const table of CONTRACT_TABLE_NAMES) {
    await warehouse.exec(createRawTableSql(table));
    for (const f of files.filter((f) => f.table === table)) await warehouse.query(`INSERT INTO raw.${table} ${readCsvSql(table)}`, [f.file]);
  }
  return { warehouse, result, instance };
}
