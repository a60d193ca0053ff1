import { describe, expect, it } from 'vitest';
import { headerLinesIn, mrrDefinitions, parseDefinitionEntries } from './definitions.ts';

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

describe('MRR definitions in Russian', () => {
  const sql = [
    '-- Title', '-- MRR is taken at each close.', '--', '-- Definitions:', '--   arr      MRR × 12.', '--   grr_12m  Trailing', '--            twelve months.',
    '-- Settings:', '--   trials   exclude by default.', '--',
    '-- Определения:', '--   arr      MRR × 12 (годовая).', '-- Настройки:', '--   trials   по умолчанию exclude.', '--', '-- MRR берётся на закрытии месяца.', 'select 1',
  ].join('\n');
  it('reads the Russian blocks for ru, English entries where they have none, and only English for en', () => {
    expect(parseDefinitionEntries(sql, 'en')).toEqual({ arr: 'MRR × 12.', grr_12m: 'Trailing twelve months.', trials: 'exclude by default.' });
    expect(parseDefinitionEntries(sql, 'ru')).toEqual({ arr: 'MRR × 12 (годовая).', grr_12m: 'Trailing twelve months.', trials: 'по умолчанию exclude.' });
    expect(headerLinesIn(sql, 'ru').at(-1)).toBe('MRR берётся на закрытии месяца.');
    expect(headerLinesIn('-- Definitions:\n--   arr  x\nselect 1', 'ru')).toEqual([]);
  });
  it('gives every figure of the pages a Russian text and the Russian snapshot paragraph', () => {
    const en = mrrDefinitions('en');
    const ru = mrrDefinitions('ru');
    expect(Object.keys(ru.byName).sort()).toEqual(Object.keys(en.byName).sort());
    const untranslated = Object.keys(en.byName).filter((k) => ru.byName[k] === en.byName[k] && !/^[a-z_, ]+[=(]/.test(en.byName[k]!));
    expect(untranslated).toEqual([]);
    expect(ru.byName.arr).toBe('Годовая регулярная выручка (run rate): MRR × 12.');
    expect(ru.snapshot).toMatch(/^MRR берётся на закрытии каждого месяца: 00:00 первого числа следующего месяца/);
    expect(en.byName.arr).toBe('Annual run rate: MRR × 12.');
  });
});
