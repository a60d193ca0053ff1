import fs from 'node:fs';
import path from 'node:path';
import { sqlDir } from '../../../../pipelines/warehouse/sql-files.ts';
import type { Locale } from '../../i18n/locale.ts';

/**
 * The definitions shown on the receivables page, read from the header comments of the SQL that
 * computes the figures, so each is written once (in sql/) and the page cannot drift from it.
 */

export interface MetricDefinition {
  /** Column name in sql/queries/collection_metrics.sql, e.g. 'dso_standard'. */
  readonly name: string;
  /** The formula and explanation, continuation lines joined with spaces. */
  readonly text: string;
}

export interface MetricDefinitions {
  /** The conventions before the list (what "sales", "AR" and days mean). */
  readonly preamble: string;
  readonly metrics: readonly MetricDefinition[];
  /** Remarks after the list, e.g. how credit notes count. */
  readonly notes: readonly string[];
}

/** The leading `--` comment lines of a SQL text, without the `--` and one following space. */
export function sqlHeaderLines(sql: string): string[] {
  const out: string[] = [];
  for (const line of sql.split(/\r?\n/)) {
    if (!line.startsWith('--')) break;
    out.push(line.slice(2).replace(/^ /, ''));
  }
  return out;
}

const joinLines = (lines: string[]) => lines.map((l) => l.trim()).filter(Boolean).join(' ');

/** How each language's block of definitions starts in a SQL header. */
const HEADINGS: Readonly<Record<Locale, RegExp>> = { en: /^Definitions\b/, ru: /^Определения(?=[\s(:]|$)/ };
const ANY_HEADING = /^(Definitions\b|Определения(?=[\s(:]|$))/;

/**
 * Parses the "Definitions" block of a header: a line starting "Definitions", then entries written
 * `  name   text` (two-space indent, name, two or more spaces), continued on more deeply indented
 * lines; unindented lines after the entries are notes. A header may carry the same block in Russian
 * after it, headed "Определения" with the same names: `locale` 'ru' reads that one (the English one
 * when there is none), so both languages are written side by side in the one file.
 */
export function parseMetricDefinitions(sql: string, locale: Locale = 'en'): MetricDefinitions {
  const all = sqlHeaderLines(sql);
  let start = all.findIndex((l) => HEADINGS[locale].test(l));
  if (start < 0 && locale !== 'en') start = all.findIndex((l) => HEADINGS.en.test(l));
  if (start < 0) return { preamble: '', metrics: [], notes: [] };
  const next = all.findIndex((l, i) => i > start && ANY_HEADING.test(l));
  const lines = all.slice(start, next < 0 ? all.length : next);
  const preamble: string[] = [];
  const metrics: { name: string; lines: string[] }[] = [];
  const notes: string[] = [];
  let i = 0;
  // The preamble runs from the heading to the first entry.
  for (; i < lines.length && !/^ {2}[a-z_]+ {2,}\S/.test(lines[i]!); i++) preamble.push(lines[i]!);
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    const entry = /^ {2}([a-z_]+) {2,}(\S.*)$/.exec(line);
    if (entry) metrics.push({ name: entry[1]!, lines: [entry[2]!] });
    else if (/^ {3,}\S/.test(line) && metrics.length) metrics[metrics.length - 1]!.lines.push(line);
    else if (line.trim()) notes.push(line.trim());
  }
  return {
    preamble: joinLines(preamble).replace(/^(Definitions|Определения)\s*/, '').replace(/^\((.*)\):?$/, '$1'),
    metrics: metrics.map((m) => ({ name: m.name, text: joinLines(m.lines) })),
    notes,
  };
}

/** How the aging header's two paragraphs start in each language (the Russian ones are written after the English). */
const AGING_PARAGRAPHS: Readonly<Record<Locale, { openBalance: RegExp; buckets: RegExp }>> = {
  en: { openBalance: /^Open balance/, buckets: /bucket 0 holds/ },
  ru: { openBalance: /^Открытый остаток/, buckets: /^Интервалы возраста:/ },
};

/** The lines from `start` up to the first blank one, joined. */
function paragraph(lines: readonly string[], start: number, within: (line: string) => boolean): string {
  const para: string[] = [];
  for (let i = start; i < lines.length && within(lines[i]!); i++) para.push(lines[i]!);
  return joinLines(para);
}

/**
 * The paragraph of the aging query's header that defines the open balance ("Open balance as of the
 * day = …"), and its bucket rule; empty strings when the header no longer has them. English: the
 * open-balance paragraph and the bucket rule of the `$3` parameter ("bucket 0 holds …", its
 * indented lines). Russian (`locale` 'ru'): the paragraphs "Открытый остаток …" and "Интервалы
 * возраста: …" (without that heading), each up to a blank line; each falls back to English.
 */
export function parseAgingDefinitions(sql: string, locale: Locale = 'en'): { openBalance: string; buckets: string } {
  const lines = sqlHeaderLines(sql);
  const english = () => {
    const open = lines.findIndex((l) => AGING_PARAGRAPHS.en.openBalance.test(l));
    const b = lines.findIndex((l) => AGING_PARAGRAPHS.en.buckets.test(l));
    return {
      openBalance: open >= 0 ? paragraph(lines, open, (l) => l.trim() !== '') : '',
      buckets: b >= 0 ? paragraph(lines, b, (l) => /^ {3,}\S/.test(l)) : '',
    };
  };
  if (locale === 'en') return english();
  const open = lines.findIndex((l) => AGING_PARAGRAPHS.ru.openBalance.test(l));
  const b = lines.findIndex((l) => AGING_PARAGRAPHS.ru.buckets.test(l));
  const fallback = open < 0 || b < 0 ? english() : null;
  return {
    openBalance: open >= 0 ? paragraph(lines, open, (l) => l.trim() !== '') : fallback!.openBalance,
    buckets: b >= 0 ? paragraph(lines, b, (l) => l.trim() !== '').replace(AGING_PARAGRAPHS.ru.buckets, '').trim() : fallback!.buckets,
  };
}

function readQuery(name: string): string {
  return fs.readFileSync(path.join(sqlDir(), 'queries', `${name}.sql`), 'utf8');
}

const metricsCache = new Map<Locale, MetricDefinitions>();
const agingCache = new Map<Locale, { openBalance: string; buckets: string }>();

/** Definitions of the collection metrics, from sql/queries/collection_metrics.sql, in `locale`; read once per process and language. */
export function collectionMetricDefinitions(locale: Locale = 'en'): MetricDefinitions {
  let defs = metricsCache.get(locale);
  if (!defs) metricsCache.set(locale, (defs = parseMetricDefinitions(readQuery('collection_metrics'), locale)));
  return defs;
}

/** Definitions of the aging report, from sql/queries/aging_invoices.sql, in `locale`; read once per process and language. */
export function agingDefinitions(locale: Locale = 'en'): { openBalance: string; buckets: string } {
  let defs = agingCache.get(locale);
  if (!defs) agingCache.set(locale, (defs = parseAgingDefinitions(readQuery('aging_invoices'), locale)));
  return defs;
}
