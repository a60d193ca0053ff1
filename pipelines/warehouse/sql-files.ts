import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where sql/ is. Next to this module when run from the sources (tsx, vite dev); from the working
 * directory when bundled into build/ (the bundle no longer sits beside sql/). LEDGERLENS_SQL_DIR overrides.
 */
export function sqlDir(): string {
  if (process.env.LEDGERLENS_SQL_DIR) return process.env.LEDGERLENS_SQL_DIR;
  const beside = fileURLToPath(new URL('../../sql/', import.meta.url));
  if (fs.existsSync(path.join(beside, 'queries'))) return beside;
  return path.resolve(process.cwd(), 'sql');
}

const cache = new Map<string, string>();

/** A parameterised query from sql/queries/<name>.sql (read once). */
export function sqlQuery(name: string): string {
  if (!/^[a-z_]+$/.test(name)) throw new Error(`query name ${name} must be lower_snake_case`);
  let sql = cache.get(name);
  if (sql === undefined) {
    sql = fs.readFileSync(path.join(sqlDir(), 'queries', `${name}.sql`), 'utf8').replace(/;\s*$/, '');
    cache.set(name, sql);
  }
  return sql;
}
