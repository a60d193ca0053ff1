import { coverage, mase, smape } from './accuracy.ts';
import type { Forecast, Series } from './types.ts';

/** Accuracy of a forecaster over rolling origins (Tashman 2000): refit at each origin, score the next h. */
export interface BacktestResult {
  /** Number of origins scored (0 when the history is too short to hold any out). */
  readonly origins: number;
  readonly horizon: number;
  /** Means over origins; null without origins. MASE is null when the history is constant. */
  readonly smape: number | null;
  readonly mase: number | null;
  readonly coverage80: number | null;
  readonly coverage95: number | null;
}

export interface BacktestOptions {
  readonly horizon: number;
  /** How many origins at most, the latest first (each one refits the model). */
  readonly maxOrigins: number;
  /** Shortest history a fit may start from. */
  readonly minHistory: number;
}

/**
 * Rolling-origin evaluation: for origins n − h, n − h − 1, … (at most `maxOrigins`, each keeping at
 * least `minHistory` points), fits `forecaster` on the data before the origin and scores the h values
 * after it. Only past data are used at each origin, so the figures say how the method would have done.
 */
export function rollingOriginBacktest(series: Series, forecaster: (s: Series, h: number) => Forecast, options: BacktestOptions): BacktestResult {
  const { horizon, maxOrigins, minHistory } = options;
  const values = series.values;
  const sums = { smape: 0, mase: 0, maseCount: 0, c80: 0, c95: 0 };
  let origins = 0;
  for (let origin = values.length - horizon; origin >= minHistory && origins < maxOrigins; origin--) {
    const history = values.slice(0, origin);
    const actual = values.slice(origin, origin + horizon);
    const f = forecaster({ values: history, period: series.period }, horizon);
    sums.smape += smape(actual, f.mean);
    const m = mase(actual, f.mean, history, series.period);
    if (Number.isFinite(m)) {
      sums.mase += m;
      sums.maseCount += 1;
    }
    sums.c80 += coverage(actual, f.intervals[0].lower, f.intervals[0].upper);
    sums.c95 += coverage(actual, f.intervals[1].lower, f.intervals[1].upper);
    origins += 1;
  }
  if (origins === 0) return { origins, horizon, smape: null, mase: null, coverage80: null, coverage95: null };
  return {
    origins, horizon,
    smape: sums.smape / origins,
    mase: sums.maseCount > 0 ? sums.mase / sums.maseCount : null,
    coverage80: sums.c80 / origins,
    coverage95: sums.c95 / origins,
  };
}
