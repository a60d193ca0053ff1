import { describe, expect, it } from 'vitest';
import { coverage, mase, smape } from './accuracy.ts';
import { centredMovingAverage, hasSignificantSeasonality, seasonalIndices } from './decompose.ts';
import { nelderMead } from './nelder-mead.ts';
import { normalQuantile } from './normal.ts';
import { combineMedian } from './combine.ts';
import { onLogScale } from './log-scale.ts';
import { theta } from './theta.ts';
import type { Forecast } from './types.ts';

describe('accuracy measures, by hand', () => {
  it('sMAPE, MASE and coverage', () => {
    // 200·|100 − 110|/210 = 9.5238…, 200·|50 − 40|/90 = 22.222…
    expect(smape([100, 50], [110, 40])).toBeCloseTo((9.523809524 + 22.222222222) / 2, 6);
    expect(smape([0], [0])).toBe(0);
    // History with lag-2 differences 2, 2, 2 → scale 2; MAE 3 → MASE 1.5.
    expect(mase([10, 10], [13, 7], [1, 2, 3, 4, 5], 2)).toBeCloseTo(1.5, 12);
    expect(coverage([1, 2, 3, 4], [0, 0, 0, 0], [1, 1, 3, 3])).toBe(0.5);
  });
});

describe('decomposition', () => {
  it('2×4 centred moving average, as R decompose', () => {
    const ma = centredMovingAverage([1, 2, 3, 4, 5, 6, 7, 8], 4);
    expect(ma.slice(2, 6)).toEqual([3, 4, 5, 6]);
    expect(Number.isNaN(ma[0]) && Number.isNaN(ma[7])).toBe(true);
  });

  it('recovers multiplicative indices of a pure seasonal series', () => {
    const idx = [1.2, 0.8, 1.1, 0.9];
    const values = Array.from({ length: 16 }, (_, t) => 100 * idx[t % 4]);
    seasonalIndices(values, 4, 'multiplicative').forEach((v, i) => expect(v).toBeCloseTo(idx[i], 10));
    const yearly = [1.3, 1.2, 1.0, 0.9, 0.8, 0.7, 0.7, 0.8, 0.9, 1.0, 1.2, 1.5];
    expect(hasSignificantSeasonality(Array.from({ length: 48 }, (_, t) => 100 * yearly[t % 12]), 12)).toBe(true);
    expect(hasSignificantSeasonality(new Array(16).fill(3), 4)).toBe(false);
  });
});

describe('numerics', () => {
  it('normal quantiles', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 8);
    expect(normalQuantile(0.9)).toBeCloseTo(1.281551566, 8);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326347874, 8);
  });

  it('Nelder–Mead finds the minimum of the Rosenbrock function', () => {
    const r = nelderMead(([x, y]) => 100 * (y - x * x) ** 2 + (1 - x) ** 2, [-1.2, 1], { steps: [0.5, 0.5], maxIterations: 5000, tolerance: 1e-14 });
    expect(r.x[0]).toBeCloseTo(1, 3);
    expect(r.x[1]).toBeCloseTo(1, 3);
  });
});

describe('median combination and the log scale', () => {
  const member = (mean: number[], width: number): Forecast => ({
    family: 'ets', model: `m${mean[0]}`, params: {}, warnings: [], mean,
    intervals: [
      { level: 0.8, lower: mean.map((v) => v - width), upper: mean.map((v) => v + width) },
      { level: 0.95, lower: mean.map((v) => v - 2 * width), upper: mean.map((v) => v + 2 * width) },
    ],
  });

  it('takes the middle value, or the mean of the middle two, horizon by horizon', () => {
    const f = combineMedian([member([1, 10], 1), member([2, 40], 1), member([100, 20], 1), member([4, 30], 3)]);
    expect(f.mean).toEqual([3, 25]);
    expect(f.intervals[1].lower[0]).toBeLessThan(f.intervals[0].lower[0]);
    expect(f.intervals[0].upper[1]).toBeLessThan(f.intervals[1].upper[1]);
    expect(combineMedian([member([1], 1), member([5], 1), member([2], 1)]).mean).toEqual([2]);
  });

  it('fits on logs only when every value is positive, and maps back with exp', () => {
    const growth = Array.from({ length: 40 }, (_, t) => 100 * 1.02 ** t);
    const f = onLogScale(theta, { values: growth, period: 1 }, 6)!;
    expect(f.model).toContain('on logs');
    f.mean.forEach((v, i) => expect(v).toBeGreaterThan(growth[39] * (1 + 0.005 * (i + 1))));
    expect(onLogScale(theta, { values: [3, 0, 4, 5, 6], period: 1 }, 2)).toBeNull();
  });
});
