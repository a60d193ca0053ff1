import { afterEach, describe, expect, it } from 'vitest';
import { overwriteGetLocale } from '../paraglide/runtime.js';
import { forecastTitle, warningText } from './display.ts';

afterEach(() => overwriteGetLocale(() => 'en'));

describe('forecast warnings and titles in the page language', () => {
  it('keeps the stored English in English and any unknown warning as stored', () => {
    expect(warningText('Too little history to backtest (needs 18 months).')).toBe('Too little history to backtest (needs 18 months).');
    expect(warningText('Something new.')).toBe('Something new.');
  });
  it('says the known warnings and the titles in Russian', () => {
    overwriteGetLocale(() => 'ru');
    expect(warningText('Too little history to backtest (needs 18 months).')).toBe('Слишком короткая история для бэктеста (нужно месяцев: 18).');
    expect(warningText('1200 minor units of open receivables have no comparable history and are expected at 0.')).toMatch(/^1200 мин\. ед\./);
    expect(warningText('Fewer than two seasonal cycles (14 < 24 periods): seasonal models not tried.')).toBe('Меньше двух сезонных циклов (14 < 24 периодов): сезонные модели не проверялись.');
    expect(warningText('Something new.')).toBe('Something new.');
    expect(forecastTitle({ measure: 'mrr', segment: null, plan: 'SAAS-PRO', currency: 'EUR' })).toBe('MRR · тариф SAAS-PRO · EUR');
  });
});
