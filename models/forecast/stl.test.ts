import { describe, expect, it } from 'vitest';
import { firstDifferences, seasonalStrength } from './arima.ts';
import { stl } from './stl.ts';

// A trend, a sine season and a repeating wiggle; the expected figures are R 4.2's
// stl(ts(v, frequency = 12), s.window = 11), forecast 8.20's seasonal-strength heuristic and ndiffs.
const v = Array.from({ length: 40 }, (_, t) => 100 + t + 10 * Math.sin((2 * Math.PI * t) / 12) + ((t * 7) % 5));

describe('STL and the differencing tests, against R', () => {
  it('decomposes as R stl does', () => {
    const f = stl(v, 12, { seasonalWindow: 11 });
    [0.144284427, 4.552496646, 9.324526643, 9.921664198].forEach((x, i) => expect(f.seasonal[i]).toBeCloseTo(x, 7));
    [138.076775723, 139.089076868, 140.101378013, 141.113679157].forEach((x, i) => expect(f.trend[36 + i]).toBeCloseTo(x, 7));
    f.remainder.forEach((r, i) => expect(r).toBeCloseTo(v[i] - f.seasonal[i] - f.trend[i], 9));
  });

  it('gives R\'s seasonal strength and the same differencing orders', () => {
    expect(seasonalStrength(v, 12)).toBeCloseTo(0.969523059, 7);
    expect(seasonalStrength(v, 12) > 0.64).toBe(true); // nsdiffs = 1
    expect(firstDifferences(v)).toBe(1); // ndiffs = 1
  });

  it('refuses a series without two full periods', () => {
    expect(() => stl(v.slice(0, 24), 12, { seasonalWindow: 11 })).toThrow(/two full periods/);
    expect(seasonalStrength(v.slice(0, 24), 12)).toBe(0);
  });
});
