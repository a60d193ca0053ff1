import { afterEach, describe, expect, it } from 'vitest';
import { formatChange, formatCount, formatInstant, formatPeriod } from '../format.ts';
import { formatAmount, formatMoney } from '../money.ts';
import { monthLabel, type MonthString } from '../months.ts';
import { currentLocale, intlLocale, setLocaleSource } from './locale.ts';

/** Intl puts no-break spaces (U+00A0, U+202F) in Russian numbers; compare with plain spaces. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

afterEach(() => setLocaleSource(() => 'en'));

describe('formatters in both languages', () => {
  it('money in RUB, USD and EUR, English', () => {
    expect(formatMoney(123456789n, 'RUB', { locale: 'en-US' })).toBe('₽1,234,567.89');
    expect(formatMoney(123456789n, 'USD', { locale: 'en-US' })).toBe('$1,234,567.89');
    expect(formatMoney(-5n, 'EUR', { locale: 'en-US' })).toBe('-€0.05');
  });

  it('money in RUB, USD and EUR, Russian: space groups, comma decimals, symbol after', () => {
    expect(plain(formatMoney(123456789n, 'RUB', { locale: 'ru-RU' }))).toBe('1 234 567,89 ₽');
    expect(plain(formatMoney(123456789n, 'USD', { locale: 'ru-RU' }))).toBe('1 234 567,89 $');
    expect(plain(formatMoney(-5n, 'EUR', { locale: 'ru-RU' }))).toBe('-0,05 €');
    expect(plain(formatAmount(100n, 'RUB', 'ru-RU'))).toBe('1,00');
  });

  it('keeps every digit of amounts beyond float precision in both languages', () => {
    const big = 123456789012345678901n; // 1.2e18 roubles: far past 2^53 kopecks
    expect(formatMoney(big, 'RUB', { locale: 'en-US' })).toBe('₽1,234,567,890,123,456,789.01');
    expect(plain(formatMoney(big, 'RUB', { locale: 'ru-RU' }))).toBe('1 234 567 890 123 456 789,01 ₽');
    expect(plain(formatAmount(big, 'EUR', 'ru-RU'))).toBe('1 234 567 890 123 456 789,01');
  });

  it('whole units and compact notation follow the language', () => {
    expect(formatMoney(123456789n, 'RUB', { locale: 'en-US', wholeUnits: true })).toBe('₽1,234,568');
    expect(plain(formatMoney(123456789n, 'RUB', { locale: 'ru-RU', wholeUnits: true }))).toBe('1 234 568 ₽');
    expect(plain(formatMoney(123456789n, 'RUB', { locale: 'ru-RU', notation: 'compact' }))).toBe('1,2 млн ₽');
  });

  it('percentages and counts', () => {
    expect(formatChange(0.123, 'en-US')).toBe('+12.3%');
    expect(plain(formatChange(0.123, 'ru-RU'))).toBe('+12,3 %');
    expect(plain(formatChange(-0.5, 'ru-RU'))).toBe('-50 %');
    expect(formatCount(1234567n, 'en-US')).toBe('1,234,567');
    expect(plain(formatCount(1234567n, 'ru-RU'))).toBe('1 234 567');
  });

  it('months and instants in the business time zone', () => {
    expect(monthLabel('2025-03' as MonthString, 'en-US')).toBe('Mar 2025');
    expect(monthLabel('2025-03' as MonthString, 'ru-RU')).toBe('март 2025 г.');
    expect(formatPeriod('2024-03' as MonthString, '2025-02' as MonthString, 'en-US')).toBe('Mar 2024 – Feb 2025');
    // 06:00 UTC is 09:00 in Moscow; the Russian form is 24-hour, day first.
    expect(plain(formatInstant('2025-03-02T06:00:00Z', 'Europe/Moscow', 'en-US'))).toBe('Mar 2, 2025, 9:00 AM GMT+3');
    expect(plain(formatInstant('2025-03-02T06:00:00Z', 'Europe/Moscow', 'ru-RU'))).toBe('2 мар. 2025 г., 09:00 GMT+3');
  });

  it('without a locale argument the formatters use the current UI language', () => {
    expect(currentLocale()).toBe('en');
    expect(formatMoney(1050n, 'RUB')).toBe('₽10.50');
    setLocaleSource(() => 'ru');
    expect(intlLocale()).toBe('ru-RU');
    expect(plain(formatMoney(1050n, 'RUB'))).toBe('10,50 ₽');
    expect(plain(formatCount(1000n))).toBe('1 000');
    setLocaleSource(() => 'xx'); // anything unknown is English
    expect(intlLocale()).toBe('en-US');
  });
});
