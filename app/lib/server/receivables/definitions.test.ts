import { describe, expect, it } from 'vitest';
import { agingDefinitions, collectionMetricDefinitions, parseMetricDefinitions } from './definitions.ts';

describe('definitions from the SQL headers', () => {
  it('finds every collection metric of sql/queries/collection_metrics.sql with its formula', () => {
    const defs = collectionMetricDefinitions();
    expect(defs.metrics.map((m) => m.name)).toEqual(['dso_standard', 'dso_countback', 'best_possible_dso', 'add_days', 'pct_current', 'cei']);
    const text = Object.fromEntries(defs.metrics.map((m) => [m.name, m.text]));
    expect(text.dso_standard).toMatch(/AR \/ sales of the month × days of the month/);
    expect(text.add_days).toMatch(/dso_standard − best_possible_dso/);
    // CEI: the three-month window and both variants, continuation lines joined
    expect(text.cei).toMatch(/three months/);
    expect(text.cei).toMatch(/'period_sales'.*'average_monthly_sales'/);
    expect(text.cei).not.toMatch(/\s{2}/);
    expect(defs.preamble).toMatch(/credit sales/);
    expect(defs.notes.join(' ')).toMatch(/Credit notes/);
  });

  it('finds the open balance and bucket rules of sql/queries/aging_invoices.sql', () => {
    const defs = agingDefinitions();
    expect(defs.openBalance).toMatch(/^Open balance as of the day = total − allocations/);
    expect(defs.buckets).toMatch(/^bucket 0 holds age <= 0/);
  });

  it('parses entries, continuation lines and notes', () => {
    const sql = [
      '-- grain: x',
      '-- Definitions (a note):',
      '--   alpha      a / b',
      '--              × c',
      '--   beta_gamma  d',
      '-- A remark.',
      'select 1',
    ].join('\n');
    expect(parseMetricDefinitions(sql)).toEqual({
      preamble: 'a note',
      metrics: [
        { name: 'alpha', text: 'a / b × c' },
        { name: 'beta_gamma', text: 'd' },
      ],
      notes: ['A remark.'],
    });
    expect(parseMetricDefinitions('select 1')).toEqual({ preamble: '', metrics: [], notes: [] });
  });

  it('reads the Russian block when asked, and falls back to English without one', () => {
    const sql = [
      '-- Definitions (local time):',
      '--   share  quantity / total',
      '-- Daily buckets are left out.',
      '-- Определения (местное время):',
      '--   share  объём / итог',
      '-- Суточные интервалы не учитываются.',
      'select 1',
    ].join('\n');
    expect(parseMetricDefinitions(sql, 'en')).toEqual({ preamble: 'local time', metrics: [{ name: 'share', text: 'quantity / total' }], notes: ['Daily buckets are left out.'] });
    expect(parseMetricDefinitions(sql, 'ru')).toEqual({ preamble: 'местное время', metrics: [{ name: 'share', text: 'объём / итог' }], notes: ['Суточные интервалы не учитываются.'] });
    const englishOnly = sql.split('\n').slice(0, 3).join('\n');
    expect(parseMetricDefinitions(englishOnly, 'ru')).toEqual(parseMetricDefinitions(englishOnly, 'en'));
  });
});
