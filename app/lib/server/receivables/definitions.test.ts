import { describe, expect, it } from 'vitest';
import { agingDefinitions, collectionMetricDefinitions, parseAgingDefinitions, parseMetricDefinitions } from './definitions.ts';

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

  it('has every collection metric in Russian too, with the same names and formulas', () => {
    const en = collectionMetricDefinitions('en');
    const ru = collectionMetricDefinitions('ru');
    expect(ru.metrics.map((m) => m.name)).toEqual(en.metrics.map((m) => m.name));
    const text = Object.fromEntries(ru.metrics.map((m) => [m.name, m.text]));
    expect(text.dso_standard).toBe('ДЗ / продажи месяца × дни месяца');
    expect(text.add_days).toMatch(/dso_standard − best_possible_dso/);
    expect(text.cei).toMatch(/'period_sales'.*'average_monthly_sales'/);
    expect(ru.preamble).toMatch(/^дни месяца — его календарные дни/);
    expect(ru.notes.join(' ')).toMatch(/Кредит-ноты/);
  });

  it('reads the aging paragraphs in Russian when asked, each falling back to English', () => {
    expect(agingDefinitions('en')).toEqual(agingDefinitions());
    const ru = agingDefinitions('ru');
    expect(ru.openBalance).toMatch(/^Открытый остаток на день = сумма счёта − применённые распределения оплат/);
    expect(ru.buckets).toMatch(/^интервал 0 — возраст <= 0/);
    expect(ru.buckets).not.toMatch(/\s{2}/);
    const sql = [
      '--   $3  bounds:',
      '--       bucket 0 holds age <= 0,',
      '--       the last holds the rest.',
      '--',
      '-- Open balance = total − paid.',
      '--',
      '-- Открытый остаток = сумма − оплачено.',
      'select 1',
    ].join('\n');
    expect(parseAgingDefinitions(sql, 'en')).toEqual({ openBalance: 'Open balance = total − paid.', buckets: 'bucket 0 holds age <= 0, the last holds the rest.' });
    expect(parseAgingDefinitions(sql, 'ru')).toEqual({ openBalance: 'Открытый остаток = сумма − оплачено.', buckets: 'bucket 0 holds age <= 0, the last holds the rest.' });
  });
});
