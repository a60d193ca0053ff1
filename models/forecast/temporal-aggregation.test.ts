import { describe, expect, it } from 'vitest';
import { forecastMembers } from './auto.ts';
import { onLogScale } from './log-scale.ts';
import { seededRandom } from './normal.ts';
import { aggregatedLogTheta, aggregationLevels, blockMeans } from './temporal-aggregation.ts';
import { theta } from './theta.ts';

const season = [1.3, 1.2, 1.0, 0.9, 0.8, 0.7, 0.7, 0.8, 0.9, 1.0, 1.2, 1.5];

describe('temporal aggregation', () => {
  it('uses the calendar levels that divide the cycle, and block means that end at the last value', () => {
    expect(aggregationLevels(12)).toEqual([1, 2, 3, 4, 6, 12]);
    expect(aggregationLevels(4)).toEqual([1, 2, 4]);
    expect(aggregationLevels(1)).toEqual([1]);
    // 7 values in blocks of 3: the oldest one is left out, so the newest block is whole.
    expect(blockMeans([1, 2, 3, 4, 5, 6, 7], 3)).toEqual([3, 6]);
  });

  it('fits only the levels with at least eight aggregated values', () => {
    const values = Array.from({ length: 60 }, (_, t) => 100 + t + 5 * Math.sin(t));
    // 60 months: 1, 2, 3, 4 and 6 months (10 blocks); 12 months would give 5.
    expect(aggregatedLogTheta({ values, period: 12 }, 6)!.params.levels).toBe(5);
    // 30 months: 1, 2 and 3 months (10 blocks); 4 months would give 7.
    expect(aggregatedLogTheta({ values: values.slice(0, 30), period: 12 }, 6)!.params.levels).toBe(3);
    expect(aggregatedLogTheta({ values, period: 1 }, 6)!.params.levels).toBe(1);
  });

  it('forecasts a constant as itself and a pure seasonal pattern as the pattern', () => {
    const flat = aggregatedLogTheta({ values: new Array(48).fill(250), period: 12 }, 12)!;
    flat.mean.forEach((v) => expect(v).toBeCloseTo(250, 6));
    flat.intervals[1].upper.forEach((v) => expect(v).toBeCloseTo(250, 6));
    const pattern = Array.from({ length: 60 }, (_, t) => 100 * season[t % 12]);
    const f = aggregatedLogTheta({ values: pattern, period: 12 }, 18)!;
    expect(f.model).toContain('seasonally adjusted');
    f.mean.forEach((v, h) => expect(v).toBeCloseTo(100 * season[(60 + h) % 12], 4));
  });

  it('is pulled less by one unusual last month than Theta on logs, and varies less across noisy draws', () => {
    const base = Array.from({ length: 72 }, (_, t) => 1000 * 1.005 ** t);
    const spiked = base.map((v, t) => (t === 71 ? v * 1.6 : v));
    const aggregated = aggregatedLogTheta({ values: spiked, period: 12 }, 12)!.mean[11];
    const monthly = onLogScale(theta, { values: spiked, period: 12 }, 12)!.mean[11];
    const expected = 1000 * 1.005 ** 83;
    expect(Math.abs(aggregated - expected)).toBeLessThan(0.6 * Math.abs(monthly - expected));

    const random = seededRandom(11);
    const spread = { aggregated: [] as number[], monthly: [] as number[] };
    for (let draw = 0; draw < 40; draw++) {
      const values = base.map((v) => v * Math.exp(0.08 * (random() - 0.5)));
      spread.aggregated.push(aggregatedLogTheta({ values, period: 12 }, 12)!.mean[11]);
      spread.monthly.push(onLogScale(theta, { values, period: 12 }, 12)!.mean[11]);
    }
    const variance = (x: number[]) => {
      const mean = x.reduce((a, b) => a + b, 0) / x.length;
      return x.reduce((a, v) => a + (v - mean) ** 2, 0) / (x.length - 1);
    };
    expect(variance(spread.aggregated)).toBeLessThan(variance(spread.monthly));
  });

  it('keeps its intervals around the forecast, and leaves out a series with a refund month', () => {
    const values = Array.from({ length: 48 }, (_, t) => (500 + 4 * t) * season[t % 12] * (1 + 0.04 * Math.sin(t * t)));
    const f = aggregatedLogTheta({ values, period: 12 }, 12)!;
    f.mean.forEach((v, h) => {
      expect(f.intervals[1].lower[h]).toBeLessThan(f.intervals[0].lower[h]);
      expect(f.intervals[0].lower[h]).toBeLessThan(v);
      expect(v).toBeLessThan(f.intervals[0].upper[h]);
      expect(f.intervals[0].upper[h]).toBeLessThan(f.intervals[1].upper[h]);
    });
    const refund = values.map((v, t) => (t === 20 ? -30 : v));
    expect(aggregatedLogTheta({ values: refund, period: 12 }, 12)).toBeNull();
    // The combination then takes the three other members.
    expect(forecastMembers({ values: refund, period: 12 }, 12).members).toHaveLength(3);
  });
});
