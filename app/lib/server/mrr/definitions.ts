import fs from 'node:fs';
import path from 'node:path';
import { sqlDir } from '../../../../pipelines/warehouse/sql-files.ts';
import { sqlHeaderLines } from '../receivables/definitions.ts';

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

/** The paragraph of a header that starts with `prefix`, lines joined. */
function paragraph(sql: string, prefix: string): string {
  const lines = sqlHeaderLines(sql);
  const start = lines.findIndex((l) => l.startsWith(prefix));
  if (start < 0) return '';
  const out: string[] = [];
  for (let i = start; i < lines.length && lines[i]!.trim(); i++) out.push(lines[i]!.trim());
  return out.join(' ');
}

/**
 * The entries of a header's "Definitions" and "Settings" blocks: `  name   text` (two-space indent,
 * a lower_snake_case name that may hold digits, two or more spaces), continued on more deeply
 * indented lines.
 */
export function parseDefinitionEntries(sql: string): Record<string, string> {
  const out: Record<string, string[]> = {};
  let current: string[] | null = null;
  for (const line of sqlHeaderLines(sql)) {
    const entry = /^ {2}([a-z][a-z0-9_]*) {2,}(\S.*)$/.exec(line);
    if (entry) out[entry[1]!] = current = [entry[2]!.trim()];
    else if (current && /^ {3,}\S/.test(line)) current.push(line.trim());
    else current = null;
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.join(' ')]));
}

export function mrrDefinitions(): MrrDefinitions {
  const movements = readQuery('mrr_customer_movements');
  const byName: Record<string, string> = {};
  for (const name of ['mrr_customer_movements', 'mrr_periods', 'mrr_cohorts']) {
    Object.assign(byName, parseDefinitionEntries(readQuery(name)));
  }
  return { byName, snapshot: paragraph(movements, 'MRR is taken at each') };
}
