import { mapIntervals } from './intervals.ts';
import type { Forecast, Series } from './types.ts';

/**
 * Fits `method` to the logarithms of a positive series and maps the forecast back with exp: the
 * point forecast becomes the median on the original scale, and trends and seasonal swings become
 * proportional (Box–Cox with λ = 0). Returns null when a value is zero or negative, where the
 * transformation does not exist.
 */
export function onLogScale<F extends Forecast>(method: (series: Series, horizon: number) => F, series: Series, horizon: number): Forecast | null {
  if (!series.values.every((v) => v > 0)) return null;
  const { fit: _fit, ...f } = method({ ...series, values: series.values.map(Math.log) }, horizon) as F & { fit?: unknown };
  return { ...f, model: `${f.model} on logs`, mean: f.mean.map(Math.exp), intervals: mapIntervals(f.intervals, Math.exp) };
}
