import { describe, expect, it } from 'vitest';
import { baggedTheta, forecastAuto } from './auto.ts';
import { bagged, bootstrapSeries } from './bagging.ts';
import { seededRandom } from './normal.ts';
import { stl } from './stl.ts';
import { theta } from './theta.ts';

const season = [1.3, 1.2, 1.0, 0.9, 0.8, 0.7, 0.7, 0.8, 0.9, 1.0, 1.2, 1.5];
// Growth, a season and an irregular remainder (a fixed pseudo-random wiggle).
const noisy = Array.from({ length: 60 }, (_, t) => (200 + 2 * t) * season[t % 12] * (1 + 0.05 * Math.sin(t * t * 0.7)));

describe('bootstrapped series (Bergmeir et al. 2016)', () => {
  it('are as long as the series, positive when it is, and the same for the same seed', () => {
    const boots = bootstrapSeries(noisy, 12, 5, 7);
    expect(boots).toHaveLength(5);
    for (const b of boots) {
      expect(b).toHaveLength(noisy.length);
      expect(b.every((v) => v > 0)).toBe(true);
    }
    expect(bootstrapSeries(noisy, 12, 5, 7)).toEqual(boots);
    expect(bootstrapSeries(noisy, 12, 5, 8)[0]).not.toEqual(boots[0]);
  });

  it('resample the remainder in runs of consecutive months (blocks of two cycles)', () => {
    const logs = noisy.map(Math.log);
    const parts = stl(logs, 12, { seasonalWindow: 601 });
    const [boot] = bootstrapSeries(noisy, 12, 1, 3);
    const remainder = boot.map((v, t) => Math.log(v) - parts.trend[t] - parts.seasonal[t]);
    // Where each resampled value came from in the original remainder.
    const source = remainder.map((r) => parts.remainder.findIndex((x) => Math.abs(x - r) < 1e-9));
    expect(source.every((i) => i >= 0)).toBe(true);
    let breaks = 0;
    for (let t = 1; t < source.length; t++) if (source[t] !== source[t - 1] + 1) breaks += 1;
    // 60 months in blocks of 24: at most three block boundaries inside the series.
    expect(breaks).toBeLessThanOrEqual(3);
    expect(breaks).toBeGreaterThanOrEqual(2);
  });

  it('are not drawn from a series under two cycles plus one month', () => {
    expect(bootstrapSeries(noisy.slice(0, 24), 12, 5)).toEqual([]);
    expect(bagged(theta, { values: noisy.slice(0, 24), period: 12 }, 6, { count: 10 })).toEqual(theta({ values: noisy.slice(0, 24), period: 12 }, 6));
  });
});

describe('bagged forecasts', () => {
  it('vary less than the method\'s own from one noisy draw of the same process to the next', () => {
    // Breiman's argument for bagging: averaging over resamples cuts the variance a single fit
    // picks up from the last few noisy months. 40 draws of one seasonal process with 8 % noise.
    const random = seededRandom(11);
    const draws = Array.from({ length: 40 }, () => Array.from({ length: 60 }, (_, t) => (300 + t) * season[t % 12] * (1 + 0.08 * (random() + random() + random() - 1.5))));
    const spread = (forecasts: readonly (readonly number[])[]) => {
      let total = 0;
      for (let h = 0; h < 12; h++) {
        const column = forecasts.map((f) => f[h]);
        const mean = column.reduce((a, b) => a + b, 0) / column.length;
        total += Math.sqrt(column.reduce((a, v) => a + (v - mean) ** 2, 0) / (column.length - 1));
      }
      return total / 12;
    };
    const plain = spread(draws.map((values) => theta({ values, period: 12 }, 12).mean));
    const bag = spread(draws.map((values) => baggedTheta({ values, period: 12 }, 12).mean));
    expect(bag).toBeLessThan(0.97 * plain); // 0.91–0.95 over seeds 11–14
  });

  it('keep a constant series constant', () => {
    const f = baggedTheta({ values: new Array(40).fill(250), period: 12 }, 6);
    f.mean.forEach((v) => expect(v).toBeCloseTo(250, 6));
  });

  it('move the method\'s intervals with the mean, keeping their width', () => {
    const series = { values: noisy, period: 12 };
    const plain = theta(series, 12);
    const bag = baggedTheta(series, 12);
    expect(bag.model).toMatch(/^Bagged Theta/);
    expect(bag.params.bootstraps).toBe(29);
    bag.mean.forEach((v, i) => {
      expect(bag.intervals[1].lower[i]).toBeLessThan(v);
      expect(bag.intervals[1].upper[i]).toBeGreaterThan(v);
      expect(bag.intervals[1].upper[i] - bag.intervals[1].lower[i]).toBeCloseTo(plain.intervals[1].upper[i] - plain.intervals[1].lower[i], 6);
    });
    // Not the plain forecast: the bootstrap made a difference on this noisy series.
    expect(bag.mean.some((v, i) => Math.abs(v - plain.mean[i]) > 1e-6)).toBe(true);
  });

  it('work on a refund-heavy series with negative months (no logs)', () => {
    const values = noisy.map((v, t) => v - 260 + (t % 7 === 0 ? -150 : 0));
    expect(values.some((v) => v < 0)).toBe(true);
    const f = forecastAuto({ values, period: 12 }, 12);
    expect(f.mean.every(Number.isFinite)).toBe(true);
    expect(f.members?.some((m) => /^Bagged Theta/.test(m.model))).toBe(true);
  });
});
