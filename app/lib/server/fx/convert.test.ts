import { describe, expect, it } from 'vitest';
import { convertMinor, FxRateBook, monthEnd, parseRate } from './convert.ts';
import { FxError } from './errors.ts';

const rate = (date: string, currency: string, quote: string, value: string) => ({ date, currency, quote, rate: value, source: 'test' });

describe('FxRateBook', () => {
  const book = new FxRateBook([
    rate('2025-01-31', 'USD', 'RUB', '100.5'),
    rate('2025-02-28', 'USD', 'RUB', '90'),
    rate('2025-01-31', 'EUR', 'RUB', '110'),
    rate('2025-02-15', 'EUR', 'RUB', '99'),
  ]);

  it('uses the latest direct rate dated on or before the day', () => {
    expect(book.rate('USD', 'RUB', '2025-02-27').applied).toMatchObject({ date: '2025-01-31', rateText: '100.5', via: 'direct' });
    expect(book.rate('USD', 'RUB', '2025-02-28').applied).toMatchObject({ date: '2025-02-28', rateText: '90', via: 'direct' });
  });

  it('inverts a rate published the other way round', () => {
    const { ratio, applied } = book.rate('RUB', 'USD', '2025-02-28');
    expect(applied).toMatchObject({ via: 'inverse', rateText: '0.011111' });
    expect(convertMinor(9000n, 'RUB', 'USD', ratio)).toBe(100n); // 90.00 RUB = 1.00 USD
  });

  it('crosses through a common quote currency and dates the cross rate by the older rate', () => {
    const { ratio, applied } = book.rate('EUR', 'USD', '2025-02-20');
    expect(applied).toMatchObject({ via: 'cross', through: 'RUB', date: '2025-01-31' });
    // 99 / 100.5 USD per EUR: 1,000.00 EUR → 985.07462… → 985.07 USD
    expect(convertMinor(100000n, 'EUR', 'USD', ratio)).toBe(98507n);
  });

  it('refuses a day before the first rate, naming the pair and the day', () => {
    expect(() => book.rate('USD', 'RUB', '2024-12-31')).toThrowError(/no USD→RUB exchange rate dated on or before 2024-12-31/);
  });
});

describe('convertMinor', () => {
  it('rounds once, half away from zero, for positive and negative amounts', () => {
    const r = parseRate('0.5');
    expect(convertMinor(3n, 'USD', 'EUR', r)).toBe(2n); // 1.5 → 2
    expect(convertMinor(-3n, 'USD', 'EUR', r)).toBe(-2n);
  });

  it('honours currencies without minor units', () => {
    expect(convertMinor(12345n, 'USD', 'JPY', parseRate('150'))).toBe(18518n); // 123.45 USD × 150 = 18,517.5 → 18,518 JPY
    expect(convertMinor(1000n, 'JPY', 'USD', parseRate('0.0067'))).toBe(670n);
  });
});

describe('parseRate and monthEnd', () => {
  it('reads decimals exactly and rejects the rest', () => {
    expect(parseRate('92.4567')).toEqual({ numerator: 924567n, denominator: 10000n });
    for (const bad of ['0', '-1', '1e3', 'abc', '']) expect(() => parseRate(bad)).toThrow(FxError);
  });

  it('gives the last day of a month, leap years included', () => {
    expect(monthEnd('2024-02')).toBe('2024-02-29');
    expect(monthEnd('2025-02')).toBe('2025-02-28');
    expect(monthEnd('2025-12')).toBe('2025-12-31');
  });
});
