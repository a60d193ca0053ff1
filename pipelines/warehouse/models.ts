import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Warehouse } from './connection.ts';

/** The SQL model layers, built in this order (dbt-style folders under sql/). */
export const MODEL_LAYERS = ['staging', 'intermediate', 'marts'] as const;

export interface SqlModel {
  readonly layer: (typeof MODEL_LAYERS)[number];
  readonly name: string;
  readonly file: string;
  readonly sql: string;
  readonly materialized: 'table' | 'view';
  /** Columns to index (header line `-- indexes: invoice_id, customer_id`): one ART index each, for point lookups. */
  readonly indexes: readonly string[];
}

/** `-- indexes: a, b (why)` in a model's header; names checked, since they are written into DDL. */
export function modelIndexes(sql: string): string[] {
  const line = /^--\s*indexes:\s*([^(\n]+)/m.exec(sql);
  if (!line) return [];
  const columns = line[1]!.split(',').map((c) => c.trim()).filter(Boolean);
  for (const c of columns) if (!/^[a-z_][a-z0-9_]*$/.test(c)) throw new Error(`indexes: "${c}" is not a column name`);
  return columns;
}

export const SQL_DIR = fileURLToPath(new URL('../../sql/', import.meta.url));

/** Reads every model and orders them so each comes after the models it selects from. */
export function loadModels(sqlDir = SQL_DIR): SqlModel[] {
  const models: SqlModel[] = [];
  for (const layer of MODEL_LAYERS) {
    const dir = path.join(sqlDir, layer);
    if (!fs.existsSync(dir)) continue;
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
      const sql = fs.readFileSync(path.join(dir, file), 'utf8');
      const materialized = /^--\s*materialized:\s*view\b/m.test(sql) ? 'view' : 'table';
      const indexes = materialized === 'table' ? modelIndexes(sql) : [];
      models.push({ layer, name: file.replace(/\.sql$/, ''), file: path.join(dir, file), sql: stripTrailingSemicolon(sql), materialized, indexes });
    }
  }
  return topologicalOrder(models);
}

function stripTrailingSemicolon(sql: string): string {
  return sql.replace(/;\s*$/, '');
}

function topologicalOrder(models: SqlModel[]): SqlModel[] {
  const byRef = new Map(models.map((m) => [`${m.layer}.${m.name}`, m]));
  const ordered: SqlModel[] = [];
  const state = new Map<SqlModel, 'visiting' | 'done'>();
  const visit = (m: SqlModel, trail: string[]) => {
    if (state.get(m) === 'done') return;
    if (state.get(m) === 'visiting') throw new Error(`SQL models depend on each other in a cycle: ${[...trail, m.name].join(' → ')}`);
    state.set(m, 'visiting');
    for (const [ref, dep] of byRef) {
      if (dep !== m && new RegExp(`\\b${ref.replace('.', '\\.')}\\b`).test(m.sql)) visit(dep, [...trail, m.name]);
    }
    state.set(m, 'done');
    ordered.push(m);
  };
  for (const m of models) visit(m, []);
  return ordered;
}

/** Builds every model in dependency order, replacing the previous version (inside the caller's transaction). */
export async function buildModels(warehouse: Warehouse, models = loadModels()): Promise<void> {
  for (const layer of MODEL_LAYERS) await warehouse.exec(`CREATE SCHEMA IF NOT EXISTS ${layer}`);
  for (const m of models) {
    try {
      // a model that changed from table to view (or back) must drop the old kind first
      const [existing] = await warehouse.query<{ table_type: string }>(
        'SELECT table_type FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2', [m.layer, m.name]);
      const existingKind = existing ? (existing.table_type === 'VIEW' ? 'view' : 'table') : null;
      if (existingKind && existingKind !== m.materialized) await warehouse.exec(`DROP ${existingKind === 'view' ? 'VIEW' : 'TABLE'} ${m.layer}.${m.name}`);
      await warehouse.exec(`CREATE OR REPLACE ${m.materialized === 'view' ? 'VIEW' : 'TABLE'} ${m.layer}.${m.name} AS\n${m.sql}`);
      // Replacing the table dropped its indexes: build them again on the new rows.
      for (const column of m.indexes) await warehouse.exec(`CREATE INDEX ${m.name}__${column} ON ${m.layer}.${m.name} (${column})`);
    } catch (err) {
      throw new ModelBuildError(`building ${path.relative(process.cwd(), m.file)} failed: ${(err as Error).message}`, m.name);
    }
  }
}

export class ModelBuildError extends Error {
  readonly code = 'MODEL_BUILD_FAILED';
  constructor(message: string, readonly model: string) {
    super(message);
  }
}

export interface ModelTestResult {
  readonly name: string;
  readonly failingRows: number;
  /** Up to five failing rows, as JSON, for the error message and the sync history. */
  readonly sample: string;
}

/** Runs sql/tests/*.sql: each returns the rows that break it, so zero rows means it passed. */
export async function runModelTests(warehouse: Warehouse, sqlDir = SQL_DIR): Promise<ModelTestResult[]> {
  const dir = path.join(sqlDir, 'tests');
  const results: ModelTestResult[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
    const sql = stripTrailingSemicolon(fs.readFileSync(path.join(dir, file), 'utf8'));
    const rows = await warehouse.query(`SELECT * FROM (${sql}) LIMIT 5`);
    const [{ n }] = await warehouse.query<{ n: bigint }>(`SELECT count(*) AS n FROM (${sql})`);
    results.push({ name: file.replace(/\.sql$/, ''), failingRows: Number(n), sample: JSON.stringify(rows, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)) });
  }
  return results;
}
