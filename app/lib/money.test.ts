import { describe, expect, it } from 'vitest';
import { currencyDecimals, formatAmount, formatMoney, minorToChartNumber, minorToDecimalString } from './money.ts';

describe('currencyDecimals', () => {
  it('reads decimals per currency from Intl', () => {
    expect(currencyDecimals('USD')).toBe(2);
    expect(currencyDecimals('RUB')).toBe(2);
    expect(currencyDecimals('EUR')).toBe(2);
    expect(currencyDecimals('JPY')).toBe(0);
    expect(currencyDecimals('KWD')).toBe(3);
  });

  it('rejects malformed codes with a coded error', () => {
    expect(() => currencyDecimals('usd')).toThrowError(expect.objectContaining({ code: 'CURRENCY_CODE_INVALID' }));
    expect(() => currencyDecimals('US')).toThrow(/ISO 4217/);
  });
});

describe('minorToDecimalString', () => {
  it('places the decimal point exactly', () => {
    expect(minorToDecimalString(12345n, 'USD')).toBe('123.45');
    expect(minorToDecimalString(5n, 'USD')).toBe('0.05');
    expect(minorToDecimalString(0n, 'USD')).toBe('0.00');
    expect(minorToDecimalString(-5n, 'RUB')).toBe('-0.05');
    expect(minorToDecimalString(-123400n, 'EUR')).toBe('-1234.00');
    expect(minorToDecimalString(7n, 'JPY')).toBe('7');
    expect(minorToDecimalString(-7n, 'JPY')).toBe('-7');
    expect(minorToDecimalString(1234n, 'KWD')).toBe('1.234');
  });

  it('is exact beyond float precision', () => {
    expect(minorToDecimalString(9007199254740993n, 'USD')).toBe('90071992547409.93');
    expect(minorToDecimalString(123456789012345678901234567890n, 'USD')).toBe('1234567890123456789012345678.90');
  });
});

describe('formatMoney', () => {
  it('formats with the currency symbol and its decimals', () => {
    expect(formatMoney(123456n, 'USD')).toBe('$1,234.56');
    expect(formatMoney(1234n, 'JPY')).toBe('¥1,234');
    expect(formatMoney(-50n, 'EUR')).toBe('-€0.50');
    expect(formatMoney(123456n, 'RUB')).toBe('₽1,234.56');
    expect(formatMoney(123456n, 'RUB', { locale: 'ru-RU' })).toBe('1\u00a0234,56\u00a0₽');
  });

  it('does not round large amounts through a float', () => {
    expect(formatMoney(9007199254740993n, 'USD')).toBe('$90,071,992,547,409.93');
  });

  it('rounds to whole major units half away from zero when asked', () => {
    expect(formatMoney(1234550n, 'USD', { wholeUnits: true })).toBe('$12,346');
    expect(formatMoney(-1234550n, 'USD', { wholeUnits: true })).toBe('-$12,346');
    expect(formatMoney(1234549n, 'RUB', { wholeUnits: true })).toBe('₽12,345');
  });

  it('has a compact notation for axes', () => {
    expect(formatMoney(123456700n, 'USD', { notation: 'compact' })).toBe('$1.2M');
  });
});

describe('minorToChartNumber', () => {
  it('gives major units as numbers for drawing', () => {
    expect(minorToChartNumber(12345n, 'USD')).toBe(123.45);
    expect(minorToChartNumber(500n, 'JPY')).toBe(500);
  });
});

describe('formatAmount', () => {
  it('formats without a symbol, with the currency decimals', () => {
    expect(formatAmount(123450n, 'USD')).toBe('1,234.50');
    expect(formatAmount(-5n, 'RUB')).toBe('-0.05');
    expect(formatAmount(1234n, 'JPY')).toBe('1,234');
    expect(formatAmount(9007199254740993n, 'USD')).toBe('90,071,992,547,409.93');
  });
});
