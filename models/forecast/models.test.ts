import { describe, expect, it } from 'vitest';
import { armaKalman, autoArima, difference, fitArima, firstDifferences, kpssStatistic } from './arima.ts';
import { forecastAuto } from './auto.ts';
import { autoEts, fitEts, forecastEts } from './ets.ts';
import { ForecastError } from './errors.ts';
import { normalSampler, seededRandom } from './normal.ts';
import { seasonalNaive } from './seasonal-naive.ts';
import { theta } from './theta.ts';

const H = 12;
const trend = Array.from({ length: 60 }, (_, t) => 100 + 2 * t);
const pattern = [5, 3, -2, -6, -4, 0, 4, 8, 6, 1, -3, -12];
const seasonal = Array.from({ length: 60 }, (_, t) => 200 + pattern[t % 12]);
const constant = new Array<number>(40).fill(7);
const draw = normalSampler(seededRandom(42));
const noise = Array.from({ length: 120 }, () => 50 + 4 * draw());
const future = (t: number) => 100 + 2 * t;

describe('a pure linear trend', () => {
  it('ETS and ARIMA continue the line', () => {
    const expected = Array.from({ length: H }, (_, i) => future(60 + i));
    for (const f of [autoEts({ values: trend, period: 12 }, H), autoArima({ values: trend, period: 12 }, H)]) {
      f.mean.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 0));
    }
  });

  it('Theta adds half the slope per period to the last value (SES with α → 1 plus drift b/2)', () => {
    const f = theta({ values: trend, period: 12 }, H);
    expect(f.params.drift).toBeCloseTo(1, 6);
    f.mean.forEach((v, i) => expect(v).toBeCloseTo(trend[59] + (i + 1), 1));
  });
});

describe('a pure seasonal pattern', () => {
  it('seasonal naive repeats the last cycle exactly', () => {
    const f = seasonalNaive({ values: seasonal, period: 12 }, 24);
    f.mean.forEach((v, i) => expect(v).toBe(200 + pattern[i % 12]));
    expect(f.intervals[1].upper[0] - f.intervals[1].lower[0]).toBe(0);
  });

  it('ETS picks a seasonal model and reproduces the pattern', () => {
    const f = autoEts({ values: seasonal, period: 12 }, 24);
    expect(f.model).toMatch(/,[AM]\)$/);
    f.mean.forEach((v, i) => expect(v).toBeCloseTo(200 + pattern[i % 12], 0));
  });

  it('ARIMA differences seasonally and reproduces the pattern', () => {
    const f = autoArima({ values: seasonal, period: 12 }, 24);
    expect(f.model).toContain('[12]');
    f.mean.forEach((v, i) => expect(v).toBeCloseTo(200 + pattern[i % 12], 0));
  });
});

describe('ETS screening', () => {
  it('fitting every candidate with a quarter of the budget, then the two best fully, picks the same model and forecast', () => {
    for (const values of [seasonal.map((v, t) => v + 0.5 * t + (t % 5)), trend.map((v, t) => v * (1 + 0.05 * Math.sin(t)))]) {
      const full = autoEts({ values, period: 12 }, H);
      const screened = autoEts({ values, period: 12 }, H, undefined, { screenEffort: 0.25, finalists: 2 });
      expect(screened.model).toBe(full.model);
      screened.mean.forEach((v, i) => expect(v).toBeCloseTo(full.mean[i], 8));
    }
  });
});

describe('a constant series', () => {
  it('every model forecasts the constant', () => {
    const series = { values: constant, period: 12 };
    for (const f of [autoEts(series, H), autoArima(series, H), theta(series, H), forecastAuto(series, H), seasonalNaive(series, H)]) {
      f.mean.forEach((v) => expect(v).toBeCloseTo(7, 6));
      f.intervals[1].lower.forEach((v, i) => expect(v).toBeLessThanOrEqual(f.mean[i] + 1e-9));
    }
  });
});

describe('white noise around 50 with sd 4', () => {
  const series = { values: noise, period: 12 };
  const sampleMean = noise.reduce((a, b) => a + b, 0) / noise.length;

  it('forecasts the mean, not a trend or a season', () => {
    for (const f of [autoEts(series, H), autoArima(series, H), forecastAuto(series, H)]) {
      f.mean.forEach((v) => expect(Math.abs(v - sampleMean)).toBeLessThan(1.2));
    }
    expect(autoArima(series, H).model).toBe('ARIMA(0,0,0) with mean');
  });

  it('gives a 95 % interval about ±1.96 σ wide', () => {
    const f = autoEts(series, H);
    const half = (f.intervals[1].upper[0] - f.intervals[1].lower[0]) / 2;
    expect(half).toBeGreaterThan(1.96 * 4 * 0.8);
    expect(half).toBeLessThan(1.96 * 4 * 1.25);
  });
});

describe('hand-checked fits', () => {
  it('ETS(A,N,N) interval widens as σ·√(1 + (h − 1)·α²)', () => {
    const fit = fitEts(noise, 1, { error: 'A', trend: 'N', season: 'N' })!;
    const f = forecastEts(fit, 5);
    const z = 1.959963985;
    for (let h = 1; h <= 5; h++) {
      const expected = z * Math.sqrt(fit.sigma2 * (1 + (h - 1) * fit.alpha ** 2));
      expect(f.intervals[1].upper[h - 1] - f.mean[h - 1]).toBeCloseTo(expected, 6);
    }
  });

  it('ETS(A,N,N) final level is the exponentially weighted average of the data plus a faded start near the mean', () => {
    const fit = fitEts(noise, 1, { error: 'A', trend: 'N', season: 'N' })!;
    // White noise: the likelihood prefers a small α, i.e. a level close to a long average.
    expect(fit.alpha).toBeGreaterThan(0);
    expect(fit.alpha).toBeLessThan(0.3);
    let l = 0;
    const weights = noise.map((_, t) => fit.alpha * (1 - fit.alpha) ** (noise.length - 1 - t));
    noise.forEach((y, t) => (l += weights[t] * y));
    const initialWeight = (1 - fit.alpha) ** noise.length;
    // Final level = Σ α(1 − α)^(n−1−t)·y_t + (1 − α)^n·l0, so l0 is recovered from the fitted level.
    const impliedL0 = (fit.level - l) / initialWeight;
    expect(Number.isFinite(impliedL0)).toBe(true);
    expect(Math.abs(impliedL0 - 50)).toBeLessThan(10);
  });

  it('differences and KPSS: a random walk needs one difference, its increments none', () => {
    let level = 0;
    const walk = Array.from({ length: 200 }, () => (level += draw()));
    expect(firstDifferences(walk)).toBe(1);
    expect(firstDifferences(difference(walk, 1, 0, 1))).toBe(0);
    expect(difference([1, 4, 9, 16, 25], 2, 0, 1)).toEqual([2, 2, 2]);
    expect(kpssStatistic(difference(walk, 1, 0, 1))).toBeLessThan(0.463);
  });
});

describe('exact ARIMA likelihood (Kalman filter), by hand', () => {
  const x = [0.8, -0.3, 1.1, 0.4, -0.9, 0.2];

  it('AR(1): x0²(1 − φ²) + Σ (x_t − φ x_{t−1})² and log-determinant −log(1 − φ²)', () => {
    const phi = 0.6;
    let ssq = x[0] ** 2 * (1 - phi * phi);
    for (let t = 1; t < x.length; t++) ssq += (x[t] - phi * x[t - 1]) ** 2;
    const kf = armaKalman(x, [phi], [])!;
    expect(kf.ssq).toBeCloseTo(ssq, 12);
    expect(kf.sumLogF).toBeCloseTo(-Math.log(1 - phi * phi), 12);
  });

  it('MA(1) on two values: the quadratic form and determinant of [[1 + θ², θ], [θ, 1 + θ²]]', () => {
    const th = -0.5;
    const [a, b] = [1 + th * th, th];
    const det = a * a - b * b;
    const [u, v] = [0.7, -1.2];
    const kf = armaKalman([u, v], [], [th])!;
    expect(kf.ssq).toBeCloseTo((a * u * u - 2 * b * u * v + a * v * v) / det, 12);
    expect(kf.sumLogF).toBeCloseTo(Math.log(det), 12);
  });

  it('white noise: the likelihood is the plain sum of squares', () => {
    const kf = armaKalman(x, [], [])!;
    expect(kf.ssq).toBeCloseTo(x.reduce((s, v) => s + v * v, 0), 12);
    expect(kf.sumLogF).toBe(0);
  });

  it('a CSS-ML fit differences seasonally and reproduces a noisy seasonal pattern', () => {
    const values = Array.from({ length: 96 }, (_, t) => 200 + pattern[t % 12] + 2 * draw());
    const f = autoArima({ values, period: 12 }, 12, { estimation: 'CSS-ML' });
    expect(f.model).toContain('[12]');
    expect(f.fit.method).toBe('ML');
    f.mean.forEach((v, i) => expect(Math.abs(v - (200 + pattern[(96 + i) % 12]))).toBeLessThan(3));
    expect(fitArima(values, 12, { p: 0, d: 0, q: 0, P: 0, D: 1, Q: 1, constant: false })).not.toBeNull();
  });
});

describe('robustness', () => {
  it('handles negative values (refund-heavy months) with additive models only', () => {
    const values = seasonal.map((v, t) => v - 210 + (t % 7 === 0 ? -30 : 0));
    const f = forecastAuto({ values, period: 12 }, H);
    expect(f.mean.every(Number.isFinite)).toBe(true);
    expect(f.warnings.join(' ')).toContain('zero or negative');
  });

  it('handles zeros and a level shift', () => {
    const values = Array.from({ length: 48 }, (_, t) => (t < 24 ? 0 : 100 + (t % 3)));
    const f = forecastAuto({ values, period: 12 }, H);
    f.mean.forEach((v) => expect(Math.abs(v - 101)).toBeLessThan(15));
  });

  it('short series: forecasts from 4 periods with a warning, refuses 3 with a code', () => {
    const f = forecastAuto({ values: [10, 12, 11, 13], period: 12 }, 3);
    expect(f.mean).toHaveLength(3);
    expect(f.warnings.length).toBeGreaterThan(0);
    expect(() => forecastAuto({ values: [10, 12, 11], period: 12 }, 3)).toThrowError(ForecastError);
    try {
      forecastAuto({ values: [10, 12, 11], period: 12 }, 3);
    } catch (err) {
      expect((err as ForecastError).code).toBe('SERIES_TOO_SHORT');
      expect((err as ForecastError).message).toContain('at least 4 periods');
    }
  });

  it('rejects missing values and bad horizons with a code', () => {
    expect(() => forecastAuto({ values: [1, 2, NaN, 4, 5], period: 1 }, 3)).toThrowError(/not a finite number/);
    expect(() => forecastAuto({ values: [1, 2, 3, 4, 5], period: 1 }, 0)).toThrowError(/horizon/);
  });

  it('intervals nest: 80 % inside 95 %, both around the mean', () => {
    const f = forecastAuto({ values: noise, period: 12 }, H);
    for (let i = 0; i < H; i++) {
      expect(f.intervals[1].lower[i]).toBeLessThan(f.intervals[0].lower[i]);
      expect(f.intervals[0].lower[i]).toBeLessThan(f.mean[i]);
      expect(f.mean[i]).toBeLessThan(f.intervals[0].upper[i]);
      expect(f.intervals[0].upper[i]).toBeLessThan(f.intervals[1].upper[i]);
    }
  });
});
