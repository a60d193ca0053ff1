import { assertForecastable } from './errors.ts';
import { normalIntervals } from './intervals.ts';
import type { Forecast, Series } from './types.ts';

/**
 * Seasonal naive: each forecast repeats the value one cycle earlier (plain naive when the period is
 * 1 or the history shorter than a cycle). Intervals from the in-sample seasonal differences, widening
 * with the number of whole cycles ahead (Hyndman & Athanasopoulos, FPP3 §5.5).
 */
export function seasonalNaive(series: Series, horizon: number): Forecast {
  const { values } = series;
  assertForecastable(values, horizon, 2, 'The naive forecast');
  const seasonal = series.period > 1 && values.length > series.period;
  const m = seasonal ? series.period : 1;
  const n = values.length;
  const mean = Array.from({ length: horizon }, (_, i) => values[n - m + (i % m)]);
  let sse = 0;
  for (let t = m; t < n; t++) sse += (values[t] - values[t - m]) ** 2;
  const sigma = Math.sqrt(sse / (n - m));
  const sd = mean.map((_, i) => sigma * Math.sqrt(Math.floor(i / m) + 1));
  return {
    family: seasonal ? 'seasonal-naive' : 'naive',
    model: seasonal ? `Seasonal naive [${m}]` : 'Naive',
    mean,
    intervals: normalIntervals(mean, sd),
    params: { sigma },
    warnings: series.period > 1 && !seasonal ? ['History shorter than one seasonal cycle: plain naive forecast used.'] : [],
  };
}
