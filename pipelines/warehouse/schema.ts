import fs from 'node:fs';
import path from 'node:path';
import type { Warehouse } from './connection.ts';
import { SQL_DIR } from './models.ts';

/** Creates the warehouse's own bookkeeping tables (sql/warehouse/meta.sql) if missing. */
export async function ensureMetaSchema(warehouse: Warehouse): Promise<void> {
  await warehouse.exec(fs.readFileSync(path.join(SQL_DIR, 'warehouse', 'meta.sql'), 'utf8'));
  await warehouse.exec('CREATE SCHEMA IF NOT EXISTS raw; CREATE SCHEMA IF NOT EXISTS ref;');
}

/** Reference tables shipped as CSV in sql/seeds/ (like dbt seeds), loaded as ref.<file name>. */
export async function loadSeeds(warehouse: Warehouse): Promise<void> {
  const dir = path.join(SQL_DIR, 'seeds');
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.csv'))) {
    const name = file.replace(/\.csv$/, '');
    if (!/^[a-z_]+$/.test(name)) throw new Error(`seed file name ${file} must be lower_snake_case`);
    await warehouse.query(`CREATE OR REPLACE TABLE ref.${name} AS SELECT * FROM read_csv($1, header = true)`, [path.join(dir, file)]);
  }
}

/** The settings the SQL models read; the time zone is validated by loadConfig. */
export async function writeSettings(warehouse: Warehouse, settings: { timezone: string }): Promise<void> {
  await warehouse.exec('DELETE FROM meta.settings');
  await warehouse.query('INSERT INTO meta.settings (business_timezone) VALUES ($1)', [settings.timezone]);
}
