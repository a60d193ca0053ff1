/** Accuracy measures as the M3 literature defines them (Hyndman & Koehler 2006 for MASE). */

/** Symmetric MAPE in percent: mean of 200·|y − f| / (|y| + |f|); a term with y = f = 0 counts 0. */
export function smape(actual: readonly number[], forecast: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < actual.length; i++) {
    const d = Math.abs(actual[i]) + Math.abs(forecast[i]);
    s += d === 0 ? 0 : (200 * Math.abs(actual[i] - forecast[i])) / d;
  }
  return s / actual.length;
}

/**
 * Mean absolute error scaled by the in-sample mean absolute seasonal difference (lag `period`, or
 * lag 1 when the history is shorter than two cycles). NaN when the history is constant.
 */
export function mase(actual: readonly number[], forecast: readonly number[], history: readonly number[], period: number): number {
  const lag = history.length > period ? period : 1;
  let scale = 0;
  for (let t = lag; t < history.length; t++) scale += Math.abs(history[t] - history[t - lag]);
  scale /= history.length - lag;
  let mae = 0;
  for (let i = 0; i < actual.length; i++) mae += Math.abs(actual[i] - forecast[i]);
  mae /= actual.length;
  return scale > 0 ? mae / scale : NaN;
}

/** Share of actuals inside [lower, upper]. */
export function coverage(actual: readonly number[], lower: readonly number[], upper: readonly number[]): number {
  let inside = 0;
  for (let i = 0; i < actual.length; i++) if (actual[i] >= lower[i] && actual[i] <= upper[i]) inside += 1;
  return inside / actual.length;
}
