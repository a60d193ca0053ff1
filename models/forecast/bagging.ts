import { ForecastError } from './errors.ts';
import { mapIntervals } from './intervals.ts';
import { seededRandom } from './normal.ts';
import { stl } from './stl.ts';
import type { Forecast, Series } from './types.ts';

/**
 * Bagging after Bergmeir, Hyndman & Benítez (2016): the series is decomposed by STL (on logs when
 * every value is positive, Box–Cox with λ = 0), the remainder is resampled by a moving-block
 * bootstrap (blocks of two cycles, which keeps its autocorrelation), and each resampled remainder
 * is added back to the trend and seasonal parts. A method fitted to each of these series makes its
 * own model choices (is there seasonality? how much smoothing?), and averaging their forecasts
 * averages over those choices instead of betting on one.
 */

export interface BaggingOptions {
  /** Series forecast in all, the original included. */
  readonly count: number;
  /** Seed of the block draws: the same series always gives the same forecast. */
  readonly seed?: number;
}

/**
 * `count` bootstrapped versions of `values` (each as long as `values`); none when the series has
 * under two full cycles plus one value, too short to separate seasonality from remainder.
 */
export function bootstrapSeries(values: readonly number[], period: number, count: number, seed = 20160401): number[][] {
  const n = values.length;
  const m = Math.max(period, 1);
  if (count <= 0 || n < 2 * m + 1 || m < 2) return [];
  const positive = values.every((v) => v > 0);
  const x = positive ? values.map(Math.log) : values.slice();
  // A seasonal window this wide makes the seasonal part periodic (R's s.window = "periodic").
  const parts = stl(x, m, { seasonalWindow: 10 * n + 1 });
  const block = Math.min(2 * m, Math.floor(n / 2));
  const uniform = seededRandom(seed);
  const out: number[][] = [];
  for (let b = 0; b < count; b++) {
    const remainder: number[] = [];
    while (remainder.length < n + block) {
      const from = Math.floor(uniform() * (n - block + 1));
      for (let j = 0; j < block; j++) remainder.push(parts.remainder[from + j]);
    }
    // A random offset so that block boundaries do not always fall on the same months.
    const offset = Math.floor(uniform() * block);
    const series = x.map((_, t) => parts.trend[t] + parts.seasonal[t] + remainder[offset + t]);
    out.push(positive ? series.map(Math.exp) : series);
  }
  return out;
}

/**
 * The mean of `method`'s point forecasts over the series and `count − 1` bootstrapped versions of
 * it. The intervals are the method's own on the original series, moved with the point forecast:
 * the spread of bagged point forecasts is not a forecast interval (it leaves out the noise).
 * A bootstrapped series the method cannot forecast is left out.
 */
export function bagged(method: (series: Series, horizon: number) => Forecast, series: Series, horizon: number, options: BaggingOptions): Forecast {
  const original = method(series, horizon);
  const boots = bootstrapSeries(series.values, series.period, options.count - 1, options.seed);
  if (boots.length === 0) return original;
  const sums = original.mean.slice();
  let used = 1;
  for (const values of boots) {
    let mean: readonly number[];
    try {
      mean = method({ ...series, values }, horizon).mean;
    } catch (err) {
      if (err instanceof ForecastError) continue;
      throw err;
    }
    if (!mean.every(Number.isFinite)) continue;
    for (let i = 0; i < horizon; i++) sums[i] += mean[i];
    used += 1;
  }
  const mean = sums.map((s) => s / used);
  return {
    ...original,
    model: `Bagged ${original.model}`,
    mean,
    intervals: mapIntervals(original.intervals, (v, i) => v + mean[i] - original.mean[i]),
    params: { ...original.params, bootstraps: used - 1 },
  };
}
