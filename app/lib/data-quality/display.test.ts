import { describe, expect, it } from 'vitest';
import { runInLocale } from '$lib/i18n/server.ts';
import { contractRule, tablesText } from './contract-rules.ts';
import { formatCheckValue, formatDuration, formatOptionalCount, groupChecksByTable, runStatusLabel, syncModeLabel } from './display.ts';
import type { ReconciliationCheck } from './types.ts';

describe('formatDuration', () => {
  it('picks a unit a reader takes in at a glance', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(4210)).toBe('4.2 s');
    expect(formatDuration(185_000)).toBe('3 min 05 s');
  });

  it('speaks the request\'s language, as do run statuses, modes and rule descriptions', () => {
    runInLocale('ru', 'http://localhost', () => {
      expect(formatDuration(850)).toBe('850 мс');
      expect(formatDuration(4210)).toBe('4,2 с');
      expect(formatDuration(185_000)).toBe('3 мин 05 с');
      expect(runStatusLabel('succeeded')).toBe('успешно');
      expect(syncModeLabel('incremental')).toBe('инкрементальная');
      expect(contractRule('negative_total')?.checks).toBe('Сумма счёта отрицательная.');
      expect(tablesText(contractRule('duplicate_id')!)).toBe('все таблицы');
    });
    expect(runStatusLabel('succeeded')).toBe('succeeded');
    expect(runStatusLabel('something-new')).toBe('something-new');
    expect(tablesText(contractRule('orphan_plan')!)).toBe('subscriptions, subscription_versions');
  });
});

describe('formatCheckValue', () => {
  it('shows row counts as integers', () => {
    expect(formatCheckValue({ measure: 'rows', currency: 'USD' }, 12345n)).toEqual({ exact: '12,345', major: null });
  });
  it('gives money in major units beside the exact minor units', () => {
    expect(formatCheckValue({ measure: 'total_minor', currency: 'USD' }, 123456789n)).toEqual({ exact: '123,456,789', major: '1,234,567.89' });
    expect(formatCheckValue({ measure: 'amount_minor', currency: 'JPY' }, 1500n)).toEqual({ exact: '1,500', major: '1,500' });
    expect(formatCheckValue({ measure: 'amount_minor', currency: 'KWD' }, -5n)).toEqual({ exact: '-5', major: '-0.005' });
  });
  it('keeps minor units only when there is no usable currency', () => {
    expect(formatCheckValue({ measure: 'amount_minor', currency: null }, 5n)).toEqual({ exact: '5', major: null });
    expect(formatCheckValue({ measure: 'amount_minor', currency: 'usd' }, 5n)).toEqual({ exact: '5', major: null });
  });
  it('formats nullable counts', () => {
    expect(formatOptionalCount(null)).toBe('—');
    expect(formatOptionalCount(1000n)).toBe('1,000');
  });
});

describe('groupChecksByTable', () => {
  const check = (tableName: string, ok: boolean): ReconciliationCheck => ({
    tableName, currency: null, measure: 'rows', sourceValue: 1n, warehouseValue: ok ? 1n : 2n, ok,
  });
  it('keeps the order and counts differences', () => {
    expect(groupChecksByTable([check('plans', true), check('invoices', false), check('invoices', true)]).map((g) => [g.tableName, g.checks.length, g.differences])).toEqual([
      ['plans', 1, 0],
      ['invoices', 2, 1],
    ]);
  });
});
