import { afterEach, describe, expect, it } from 'vitest';
import { overwriteGetLocale } from '$lib/paraglide/runtime.js';
import { setLocaleSource } from '../../i18n/locale.ts';
import { MrrInputError } from '../mrr/errors.ts';
import { pageErrorMessage } from './page-error.ts';
import { RevenueFilterError } from './errors.ts';

afterEach(() => {
  overwriteGetLocale(() => 'en');
  setLocaleSource(() => 'en');
});

describe('page messages for bad query strings', () => {
  it('keeps the parser’s exact English on English pages', () => {
    const err = new RevenueFilterError('BAD_MONTH', 'from', 'from="x" is not a month; write YYYY-MM, e.g. 2025-01');
    expect(pageErrorMessage(err)).toBe(err.message);
  });
  it('says the error by its code and parameter on Russian pages', () => {
    overwriteGetLocale(() => 'ru');
    setLocaleSource(() => 'ru');
    expect(pageErrorMessage(new RevenueFilterError('BAD_MONTH', 'from', 'from="x" is not a month'))).toBe('from: это не месяц; укажите ГГГГ-ММ, например 2025-01.');
    expect(pageErrorMessage(new MrrInputError('MONTH_RANGE_REVERSED', 'from (2026-05) is after to (2026-01)', 'from'))).toBe('Начало периода позже его конца.');
    expect(pageErrorMessage({ code: 'SOMETHING_ELSE', message: 'as is' })).toBe('as is');
  });
});
