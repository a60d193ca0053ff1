import fs from 'node:fs';
import path from 'node:path';
import { sqlDir } from '../../../pipelines/warehouse/sql-files.ts';
import { parseMetricDefinitions, type MetricDefinitions } from './receivables/definitions.ts';
import { currentLocale, type Locale } from '../i18n/locale.ts';

export type { MetricDefinitions };

const cache = new Map<string, MetricDefinitions>();

/**
 * The "Definitions" block of sql/queries/<name>.sql, so the page shows the words the SQL was written
 * against (one definition, in sql/), in the request's language when the header has that language's
 * block ("Определения"). Read once per process and language.
 */
export function queryDefinitions(name: string, locale: Locale = currentLocale()): MetricDefinitions {
  if (!/^[a-z_]+$/.test(name)) throw new Error(`query name ${name} must be lower_snake_case`);
  const key = `${locale}:${name}`;
  let definitions = cache.get(key);
  if (!definitions) {
    definitions = parseMetricDefinitions(fs.readFileSync(path.join(sqlDir(), 'queries', `${name}.sql`), 'utf8'), locale);
    cache.set(key, definitions);
  }
  return definitions;
}

/** Definitions of several queries, by query name. */
export function definitionsOf<N extends string>(names: readonly N[], locale: Locale = currentLocale()): Record<N, MetricDefinitions> {
  return Object.fromEntries(names.map((n) => [n, queryDefinitions(n, locale)])) as Record<N, MetricDefinitions>;
}
