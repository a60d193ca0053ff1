import fs from 'node:fs';
import path from 'node:path';
import { sqlDir } from '../../../pipelines/warehouse/sql-files.ts';
import { parseMetricDefinitions, type MetricDefinitions } from './receivables/definitions.ts';

export type { MetricDefinitions };

const cache = new Map<string, MetricDefinitions>();

/**
 * The "Definitions" block of sql/queries/<name>.sql, so the page shows the words the SQL was written
 * against (one definition, in sql/). Read once per process.
 */
export function queryDefinitions(name: string): MetricDefinitions {
  if (!/^[a-z_]+$/.test(name)) throw new Error(`query name ${name} must be lower_snake_case`);
  let definitions = cache.get(name);
  if (!definitions) {
    definitions = parseMetricDefinitions(fs.readFileSync(path.join(sqlDir(), 'queries', `${name}.sql`), 'utf8'));
    cache.set(name, definitions);
  }
  return definitions;
}

/** Definitions of several queries, by query name. */
export function definitionsOf<N extends string>(names: readonly N[]): Record<N, MetricDefinitions> {
  return Object.fromEntries(names.map((n) => [n, queryDefinitions(n)])) as Record<N, MetricDefinitions>;
}
