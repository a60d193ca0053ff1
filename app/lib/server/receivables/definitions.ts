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

/**
 * The paragraph of the aging query's header that defines the open balance ("Open balance as of the
 * day = …"), and its bucket rule; empty strings when the header no longer has them.
 */
export function parseAgingDefinitions(sql: string): { openBalance: string; buckets: string } {
  const lines = sqlHeaderLines(sql);
  const open = lines.findIndex((l) => /^Open balance/.test(l));
  let openBalance = '';
  if (open >= 0) {
    const para: string[] = [];
    for (let i = open; i < lines.length && lines[i]!.trim(); i++) para.push(lines[i]!);
    openBalance = joinLines(para);
  }
  const b = lines.findIndex((l) => /bucket 0 holds/.test(l));
  let buckets = '';
  if (b >= 0) {
    const para: string[] = [];
    for (let i = b; i < lines.length && /^ {3,}\S/.test(lines[i]!); i++) para.push(lines[i]!);
    buckets = joinLines(para);
  }
  return { openBalance, buckets };
}

function readQuery(name: string): string {
  return fs.readFileSync(path.join(sqlDir(), 'queries', `${name}.sql`), 'utf8');
}

/** Definitions of the collection metrics, from sql/queries/collection_metrics.sql. */
export function collectionMetricDefinitions(): MetricDefinitions {
  return parseMetricDefinitions(readQuery('collection_metrics'));
}

/** Definitions of the aging report, from sql/queries/aging_invoices.sql. */
export function agingDefinitions(): { openBalance: string; buckets: string } {
  return parseAgingDefinitions(readQuery('aging_invoices'));
}
