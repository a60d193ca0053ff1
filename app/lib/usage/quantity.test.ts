import { describe, expect, it } from 'vitest';
import { fromThousandths, quantityChange, quantityShare, sumQuantities, toThousandths } from './quantity.ts';

describe('usage quantities', () => {
  it('adds decimal strings exactly', () => {
    expect(toThousandths('1024.5')).toBe(1024500n);
    expect(toThousandths('-0.001')).toBe(-1n);
    expect(fromThousandths(-1n)).toBe('-0.001');
    expect(sumQuantities(['2048.000', '1024.500', '0.1'])).toBe('3072.600');
    expect(sumQuantities(['9007199254740.993', '0.001'])).toBe('9007199254740.994');
    expect(() => toThousandths('1e3')).toThrow(/not a decimal/);
  });

  it('computes change and share, null against zero', () => {
    expect(quantityChange('150', '100')).toBe(0.5);
    expect(quantityChange('1', '0')).toBeNull();
    expect(quantityShare('100', '210')).toBeCloseTo(100 / 210, 6);
    expect(quantityShare('1', '0.000')).toBeNull();
  });
});
