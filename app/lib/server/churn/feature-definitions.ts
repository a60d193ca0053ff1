import fs from 'node:fs';
import path from 'node:path';
import { sqlDir } from '../../../../pipelines/warehouse/sql-files.ts';
import { sqlHeaderLines } from '../receivables/definitions.ts';

/**
 * Each churn feature's definition, from the "Definitions" block of the header of
 * sql/marts/churn_features_monthly.sql (written once there): entries `  name   text`, continued on
 * more deeply indented lines. Feature names hold digits (late_fees_12m), which the receivables
 * parser's names do not.
 */
export function churnFeatureDefinitions(): Record<string, string> {
  const lines = sqlHeaderLines(fs.readFileSync(path.join(sqlDir(), 'marts', 'churn_features_monthly.sql'), 'utf8'));
  const start = lines.findIndex((l) => /^Definitions\b/.test(l));
  const out: Record<string, string> = {};
  let current: string | null = null;
  for (const line of lines.slice(start + 1)) {
    const entry = /^ {2}([a-z0-9_]+) {2,}(\S.*)$/.exec(line);
    if (entry) {
      current = entry[1];
      out[current] = entry[2].trim();
    } else if (current && /^ {3,}\S/.test(line)) out[current] += ` ${line.trim()}`;
    else current = null;
  }
  return out;
}
