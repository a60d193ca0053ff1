import { describe, expect, it } from 'vitest';
import { mrrDefinitions, parseDefinitionEntries } from './definitions.ts';

describe('MRR definitions from the SQL headers', () => {
  it('parses two-space-indented entries, names with digits, continuation lines', () => {
    const sql = ['-- Title', '--', '-- Definitions:', '--   grr_12m     Trailing', '--               twelve months.', '--   arr  MRR × 12.', '-- a note', 'select 1'].join('\n');
    expect(parseDefinitionEntries(sql)).toEqual({ grr_12m: 'Trailing twelve months.', arr: 'MRR × 12.' });
  });
  it('finds every figure the pages show in sql/queries', () => {
    const { byName, snapshot } = mrrDefinitions();
    const shown = ['mrr', 'arr', 'new', 'reactivation', 'expansion', 'contraction', 'churn', 'net_change', 'customers', 'usage',
      'past_due_churn_days', 'usage_in_mrr', 'trials', 'free_plans', 'logo_churn_rate', 'revenue_churn_rate', 'net_revenue_churn_rate',
      'grr', 'nrr', 'grr_12m', 'nrr_12m', 'arpu', 'ltv', 'change', 'cohort', 'age', 'logo_retention', 'revenue_retention'];
    expect(shown.filter((name) => !byName[name])).toEqual([]);
    expect(byName.arr).toBe('Annual run rate: MRR × 12.');
    expect(snapshot).toMatch(/^MRR is taken at each month's close: 00:00 on the 1st of the next month/);
  });
});
