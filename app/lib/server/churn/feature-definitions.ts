import fs from 'node:fs';
import path from 'node:path';
import { sqlDir } from '../../../../pipelines/warehouse/sql-files.ts';
import { parseMetricDefinitions } from '../receivables/definitions.ts';

/** Each churn feature's definition, from the header of sql/marts/churn_features_monthly.sql (written once there). */
export function churnFeatureDefinitions(): Record<string, string> {
  const text = fs.readFileSync(path.join(sqlDir(), 'marts', 'churn_features_monthly.sql'), 'utf8');
  return Object.fromEntries(parseMetricDefinitions(text).metrics.map((m) => [m.name, m.text]));
}
