import fs from 'node:fs';
import path from 'node:path';
import { sqlDir } from '../../../../pipelines/warehouse/sql-files.ts';
import { sqlHeaderLines } from '../receivables/definitions.ts';
import { currentLocale, type Locale } from '../../i18n/locale.ts';

/**
 * The definitions the MRR and retention pages show beside their figures, read from the header
 * comments of the SQL that computes them, so each is written once (in sql/) and cannot drift.
 */
export interface MrrDefinitions {
  /** name → text: mrr, arr, new, …, the settings (past_due_churn_days, …), logo_churn_rate, …, cohort, … */
  readonly byName: Readonly<Record<string, string>>;
  /** The header paragraph on when MRR is taken and how movements are classified. */
  readonly snapshot: string;
}

function readQuery(name: string): string {
  return fs.readFileSync(path.join(sqlDir(), 'queries', `${name}.sql`), 'utf8');
}

/**
 * A header's lines in one language. A header may carry, after its English blocks, the same blocks in
 * Russian: the Russian part starts at its "Определения" heading and runs to the end of the header
 * (its "Настройки" and paragraphs included). 'en' reads the lines before it, 'ru' the lines from it.
 */
export function headerLinesIn(sql: string, locale: Locale): string[] {
  const lines = sqlHeaderLines(sql);
  const ru = lines.findIndex((l) => /^Определения(?=[\s(:]|$)/.test(l));
  if (ru < 0) return locale === 'ru' ? [] : lines;
  return locale === 'ru' ? lines.slice(ru) : lines.slice(0, ru);
}

/** The paragraph of the lines that starts with `prefix`, lines joined. */
function paragraph(lines: readonly string[], prefix: string): string {
  const start = lines.findIndex((l) => l.startsWith(prefix));
  if (start < 0) return '';
  const out: string[] = [];
  for (let i = start; i < lines.length && lines[i]!.trim(); i++) out.push(lines[i]!.trim());
  return out.join(' ');
}

/**
 * The entries of a header's "Definitions" and "Settings" blocks: `  name   text` (two-space indent,
 * a lower_snake_case name that may hold digits, two or more spaces), continued on more deeply
 * indented lines. `locale` 'ru' reads the Russian blocks ("Определения", "Настройки"); an entry
 * they lack keeps its English text.
 */
export function parseDefinitionEntries(sql: string, locale: Locale = 'en'): Record<string, string> {
  const english = entries(headerLinesIn(sql, 'en'));
  return locale === 'en' ? english : { ...english, ...entries(headerLinesIn(sql, locale)) };
}

function entries(lines: readonly string[]): Record<string, string> {
  const out: Record<string, string[]> = {};
  let current: string[] | null = null;
  for (const line of lines) {
    const entry = /^ {2}([a-z][a-z0-9_]*) {2,}(\S.*)$/.exec(line);
    if (entry) out[entry[1]!] = current = [entry[2]!.trim()];
    else if (current && /^ {3,}\S/.test(line)) current.push(line.trim());
    else current = null;
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.join(' ')]));
}

/** Where the snapshot paragraph starts in each language. */
const SNAPSHOT: Readonly<Record<Locale, string>> = { en: 'MRR is taken at each', ru: 'MRR берётся на закрытии' };

const cache = new Map<Locale, MrrDefinitions>();

/** The definitions in the request's language (Russian blocks where the headers have them), read once per process and language. */
export function mrrDefinitions(locale: Locale = currentLocale()): MrrDefinitions {
  const cached = cache.get(locale);
  if (cached) return cached;
  const movements = readQuery('mrr_customer_movements');
  const byName: Record<string, string> = {};
  for (const name of ['mrr_customer_movements', 'mrr_periods', 'mrr_cohorts']) {
    Object.assign(byName, parseDefinitionEntries(readQuery(name), locale));
  }
  const snapshot = paragraph(headerLinesIn(movements, locale), SNAPSHOT[locale]) || paragraph(headerLinesIn(movements, 'en'), SNAPSHOT.en);
  const definitions = { byName, snapshot };
  cache.set(locale, definitions);
  return definitions;
}
