import { assertForecastable } from './errors.ts';
import { hasSignificantSeasonality, seasonalIndices } from './decompose.ts';
import { fitEts, etsPointForecast } from './ets.ts';
import { mapIntervals, normalIntervals } from './intervals.ts';
import type { Forecast, Series } from './types.ts';

/**
 * The Theta method as Hyndman & Billah (2003) showed it to be, and as R's `thetaf` computes it:
 * simple exponential smoothing (fitted by likelihood) plus half the slope of the linear trend as a
 * drift, on the series deseasonalised by classical multiplicative decomposition when the
 * seasonal-lag autocorrelation is significant at 90 %.
 *
 * Deviation from R: the interval bounds are reseasonalised with the point forecast (R leaves them
 * unseasoned, which puts them off-centre in strongly seasonal months).
 */
export function theta(series: Series, horizon: number): Forecast {
  const values = series.values;
  assertForecastable(values, horizon, 3, 'The Theta method');
  const n = values.length;
  const m = series.period;
  const warnings: string[] = [];
  let seasonal = hasSignificantSeasonality(values, m) && values.every((v) => v > 0);
  let indices: number[] = [];
  if (seasonal) {
    indices = seasonalIndices(values, m, 'multiplicative');
    if (indices.some((s) => Math.abs(s) < 1e-4)) {
      seasonal = false;
      warnings.push('Seasonal indices too close to zero: forecasting without deseasonalising.');
    }
  } else if (hasSignificantSeasonality(values, m)) warnings.push('Seasonal, but with zero or negative values: forecasting without deseasonalising.');
  const adjusted = seasonal ? values.map((v, t) => v / indices[t % m]) : values.slice();
  const ses = fitEts(adjusted, 1, { error: 'A', trend: 'N', season: 'N' });
  const alpha = Math.max(ses?.alpha ?? 1, 1e-10);
  const level = ses ? etsPointForecast(ses, 1)[0] : adjusted[n - 1];
  const sigma2 = ses?.sigma2 ?? varianceOfDifferences(adjusted);
  const drift = slope(adjusted) / 2;
  const correction = (1 - (1 - alpha) ** n) / alpha;
  const adjustedMean = Array.from({ length: horizon }, (_, i) => level + drift * (i + correction));
  const sd = adjustedMean.map((_, i) => Math.sqrt(sigma2 * (1 + i * alpha * alpha)));
  const bands = normalIntervals(adjustedMean, sd);
  const factor = (i: number) => (seasonal ? indices[(n + i) % m] : 1);
  return {
    family: 'theta',
    model: seasonal ? 'Theta (seasonally adjusted)' : 'Theta',
    mean: adjustedMean.map((v, i) => v * factor(i)),
    intervals: mapIntervals(bands, (v, i) => v * factor(i)),
    params: { alpha, drift, sigma: Math.sqrt(sigma2) },
    warnings,
  };
}

function slope(values: readonly number[]): number {
  const n = values.length;
  const xm = (n - 1) / 2;
  const ym = values.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  values.forEach((v, t) => {
    sxy += (t - xm) * (v - ym);
    sxx += (t - xm) ** 2;
  });
  return sxx > 0 ? sxy / sxx : 0;
}

function varianceOfDifferences(values: readonly number[]): number {
  let s = 0;
  for (let t = 1; t < values.length; t++) s += (values[t] - values[t - 1]) ** 2;
  return s / Math.max(values.length - 1, 1);
}
