import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openWarehouse, type Warehouse } from '../../pipelines/warehouse/connection.ts';

/** A data folder of the test's own, removed afterwards. */
export function tempDataDir(prefix = 'ledgerlens-test-'): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export async function openTestWarehouse(dir: string): Promise<Warehouse> {
  return openWarehouse(path.join(dir, 'warehouse.duckdb'));
}

/**
 * A fingerprint of everything a reader can see: every raw, staging and mart table's rows, hashed
 * in a fixed order (a full sync's side tables, `raw.*__loading`, are read by nobody). Two snapshots with the same fingerprint hold the same data.
 */
export async function warehouseFingerprint(warehouse: Warehouse): Promise<Record<string, string>> {
  const tables = await warehouse.query<{ schema: string; name: string }>(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
     WHERE table_schema IN ('raw', 'staging', 'marts') AND table_type = 'BASE TABLE' AND table_name NOT LIKE '%__loading'
     ORDER BY 1, 2`,
  );
  const out: Record<string, string> = {};
  for (const t of tables) {
    const [row] = await warehouse.query<{ n: bigint; h: bigint }>(
      `SELECT count(*) AS n, coalesce(bit_xor(hash(x)), 0) AS h FROM ${t.schema}.${t.name} x`,
    );
    out[`${t.schema}.${t.name}`] = `${row!.n}:${row!.h}`;
  }
  return out;
}
