import { describe, expect, it } from 'vitest';
import { fraction } from './fraction.ts';
import { CBR_KEY_RATE } from './key-rates.ts';
import { rateOn, validateRateTable } from './rate-table.ts';

describe('CBR_KEY_RATE', () => {
  it('is sorted, without duplicate dates', () => {
    expect(() => validateRateTable(CBR_KEY_RATE)).not.toThrow();
  });

  it('applies a rate from its date until the next one', () => {
    expect(rateOn(CBR_KEY_RATE, '2024-10-27').rate).toEqual(fraction(19n, 100n));
    expect(rateOn(CBR_KEY_RATE, '2024-10-28').rate).toEqual(fraction(21n, 100n));
    expect(rateOn(CBR_KEY_RATE, '2022-02-28').rate).toEqual(fraction(20n, 100n));
    expect(rateOn(CBR_KEY_RATE, '2018-03-26').rate).toEqual(fraction(725n, 10_000n));
  });

  it('rejects an unsorted table', () => {
    const unsorted = { ...CBR_KEY_RATE, rates: [CBR_KEY_RATE.rates[1]!, CBR_KEY_RATE.rates[0]!] };
    expect(() => validateRateTable(unsorted)).toThrowError(expect.objectContaining({ code: 'RATE_TABLE_INVALID' }));
  });
});
