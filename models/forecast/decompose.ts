/**
 * Classical decomposition (R's `decompose`) and the seasonality test Hyndman's `thetaf` uses.
 * Positions in the cycle count from the first observation: only their consistency matters.
 */

export type SeasonalKind = 'additive' | 'multiplicative';

/** Centred moving average of order `period` (2×m for even m); NaN where the window does not fit. */
export function centredMovingAverage(values: readonly number[], period: number): number[] {
  const n = values.length;
  const out = new Array<number>(n).fill(NaN);
  const half = Math.floor(period / 2);
  const even = period % 2 === 0;
  for (let t = half; t < n - half; t++) {
    let sum = 0;
    if (even) {
      sum += 0.5 * values[t - half] + 0.5 * values[t + half];
      for (let k = -half + 1; k < half; k++) sum += values[t + k];
    } else {
      for (let k = -half; k <= half; k++) sum += values[t + k];
    }
    out[t] = sum / period;
  }
  return out;
}

/** The seasonal index of each cycle position, normalised to mean 1 (multiplicative) or 0 (additive). */
export function seasonalIndices(values: readonly number[], period: number, kind: SeasonalKind): number[] {
  const trend = centredMovingAverage(values, period);
  const sums = new Array<number>(period).fill(0);
  const counts = new Array<number>(period).fill(0);
  values.forEach((v, t) => {
    if (Number.isNaN(trend[t])) return;
    const detrended = kind === 'multiplicative' ? v / trend[t] : v - trend[t];
    if (!Number.isFinite(detrended)) return;
    sums[t % period] += detrended;
    counts[t % period] += 1;
  });
  const figure = sums.map((s, i) => (counts[i] > 0 ? s / counts[i] : kind === 'multiplicative' ? 1 : 0));
  const mean = figure.reduce((a, b) => a + b, 0) / period;
  return figure.map((f) => (kind === 'multiplicative' ? f / mean : f - mean));
}

/** Sample autocorrelations at lags 1..maxLag. */
export function autocorrelations(values: readonly number[], maxLag: number): number[] {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  let denominator = 0;
  for (const v of values) denominator += (v - mean) ** 2;
  const out: number[] = [];
  for (let k = 1; k <= maxLag; k++) {
    let s = 0;
    for (let t = 0; t + k < n; t++) s += (values[t] - mean) * (values[t + k] - mean);
    out.push(denominator > 0 ? s / denominator : 0);
  }
  return out;
}

/**
 * Is the autocorrelation at the seasonal lag significant at 90 % (one-sided, Bartlett's variance)?
 * The test `thetaf` applies before deseasonalising (Assimakopoulos & Nikolopoulos 2000).
 */
export function hasSignificantSeasonality(values: readonly number[], period: number): boolean {
  const n = values.length;
  if (period <= 1 || n <= 2 * period) return false;
  if (values.every((v) => v === values[0])) return false;
  const r = autocorrelations(values, period);
  let sum = 0;
  for (let k = 0; k < period - 1; k++) sum += r[k] ** 2;
  const stat = Math.sqrt((1 + 2 * sum) / n);
  return Math.abs(r[period - 1]) / stat > 1.6448536269514722;
}
