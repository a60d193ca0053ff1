import fs from 'node:fs';
import path from 'node:path';
import { sqlDir } from '../../../../pipelines/warehouse/sql-files.ts';
import type { Locale } from '../../i18n/locale.ts';
import { sqlHeaderLines } from '../receivables/definitions.ts';

const HEADINGS: Readonly<Record<Locale, RegExp>> = { en: /^Definitions\b/, ru: /^Определения(?=[\s(:]|$)/ };
const ANY_HEADING = /^(Definitions\b|Определения(?=[\s(:]|$))/;

/**
 * Each churn feature's definition from a mart header's definitions block: entries `  name   text`,
 * continued on more deeply indented lines; the block ends at the next language's heading. Feature
 * names hold digits (late_fees_12m), which the receivables parser's names do not. `locale` 'ru'
 * reads the block headed "Определения" (written after the English one, same names), the English
 * one when the header has none.
 */
export function parseFeatureDefinitions(sql: string, locale: Locale = 'en'): Record<string, string> {
  const lines = sqlHeaderLines(sql);
  let start = lines.findIndex((l) => HEADINGS[locale].test(l));
  if (start < 0 && locale !== 'en') start = lines.findIndex((l) => HEADINGS.en.test(l));
  const out: Record<string, string> = {};
  if (start < 0) return out;
  let current: string | null = null;
  for (const line of lines.slice(start + 1)) {
    if (ANY_HEADING.test(line)) break;
    const entry = /^ {2}([a-z0-9_]+) {2,}(\S.*)$/.exec(line);
    if (entry) {
      current = entry[1]!;
      out[current] = entry[2]!.trim();
    } else if (current && /^ {3,}\S/.test(line)) out[current] += ` ${line.trim()}`;
    else current = null;
  }
  return out;
}

const cache = new Map<Locale, Record<string, string>>();

/**
 * Each churn feature's definition, from the header of sql/marts/churn_features_monthly.sql (written
 * once there), in `locale` (English, or the Russian block). Read once per process and language.
 */
export function churnFeatureDefinitions(locale: Locale = 'en'): Record<string, string> {
  let defs = cache.get(locale);
  if (!defs) {
    defs = parseFeatureDefinitions(fs.readFileSync(path.join(sqlDir(), 'marts', 'churn_features_monthly.sql'), 'utf8'), locale);
    cache.set(locale, defs);
  }
  return defs;
}
