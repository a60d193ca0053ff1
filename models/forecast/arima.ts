import { assertForecastable } from './errors.ts';
import { centredMovingAverage, seasonalIndices } from './decompose.ts';
import { nelderMead } from './nelder-mead.ts';
import { normalIntervals } from './intervals.ts';
import type { Forecast, Series } from './types.ts';

/**
 * Seasonal ARIMA with automatic order selection after Hyndman & Khandakar (2008), the algorithm
 * of R's `auto.arima`: seasonal differencing when the seasonal strength exceeds 0.64, ordinary
 * differencing while the KPSS test (5 %) rejects stationarity, then a stepwise search over
 * (p, q, P, Q, constant) by AICc.
 *
 * Known limitations, chosen for robustness and speed: coefficients are fitted by conditional sum
 * of squares (R refines with exact likelihood), on a common conditioning window (the first
 * 3 + period differenced values) so that AICc compares like with like; orders are capped at
 * p, q ≤ 3 and P, Q ≤ 1. AR and MA polynomials are parametrised through partial autocorrelations,
 * so every fitted model is stationary and invertible.
 */

export interface ArimaOrder {
  readonly p: number;
  readonly d: number;
  readonly q: number;
  readonly P: number;
  readonly D: number;
  readonly Q: number;
  readonly constant: boolean;
}

export interface ArimaFit {
  readonly order: ArimaOrder;
  readonly period: number;
  readonly ar: number[];
  readonly ma: number[];
  readonly sar: number[];
  readonly sma: number[];
  /** Mean of the differenced series (a drift when d + D = 1), on the original scale. */
  readonly mean: number;
  readonly sigma2: number;
  readonly aicc: number;
  /** Differenced series and its residuals, on the original scale. */
  readonly w: number[];
  readonly residuals: number[];
}

const MAX_P = 3;
const MAX_Q = 3;

/** Search bounds of `autoArima`; the defaults are the ones described above. */
export interface ArimaSearchOptions {
  readonly maxP?: number;
  readonly maxQ?: number;
  readonly maxSeasonalP?: number;
  readonly maxSeasonalQ?: number;
  /** Values at the start every candidate's sum of squares skips: 'seasonal' = maxP + period, 'short' = maxP. */
  readonly conditioning?: 'seasonal' | 'short';
}

export function arimaName(order: ArimaOrder, period: number): string {
  const seasonal = order.P + order.D + order.Q > 0 ? `(${order.P},${order.D},${order.Q})[${period}]` : '';
  const c = order.constant ? (order.d + order.D === 0 ? ' with mean' : ' with drift') : '';
  return `ARIMA(${order.p},${order.d},${order.q})${seasonal}${c}`;
}

/** Differences `values` d times at lag 1 and D times at lag m. */
export function difference(values: readonly number[], d: number, D: number, m: number): number[] {
  let x = values.slice();
  for (let i = 0; i < D; i++) x = x.slice(m).map((v, t) => v - x[t]);
  for (let i = 0; i < d; i++) x = x.slice(1).map((v, t) => v - x[t]);
  return x;
}

/** KPSS level-stationarity statistic with the short Bartlett window (urca's lags = "short"). */
export function kpssStatistic(x: readonly number[]): number {
  const n = x.length;
  const mean = x.reduce((a, b) => a + b, 0) / n;
  const e = x.map((v) => v - mean);
  let cumulative = 0;
  let eta = 0;
  for (const v of e) {
    cumulative += v;
    eta += cumulative * cumulative;
  }
  eta /= n * n;
  const lags = Math.trunc(4 * (n / 100) ** 0.25);
  let s2 = e.reduce((a, v) => a + v * v, 0) / n;
  for (let k = 1; k <= lags; k++) {
    let acc = 0;
    for (let t = k; t < n; t++) acc += e[t] * e[t - k];
    s2 += (2 * (1 - k / (lags + 1)) * acc) / n;
  }
  return s2 > 0 ? eta / s2 : 0;
}

/** Number of first differences the KPSS test at 5 % asks for (0–2), as R's `ndiffs`. */
export function firstDifferences(x: readonly number[]): number {
  let d = 0;
  let current = x.slice();
  while (d < 2 && current.length > 4 && !isConstant(current) && kpssStatistic(current) > 0.463) {
    current = difference(current, 1, 0, 1);
    d += 1;
  }
  return d;
}

/** Seasonal strength max(0, 1 − Var(R) / Var(S + R)) from a classical additive decomposition. */
export function seasonalStrength(values: readonly number[], period: number): number {
  const trend = centredMovingAverage(values, period);
  const season = seasonalIndices(values, period, 'additive');
  const remainder: number[] = [];
  const seasonPlusRemainder: number[] = [];
  values.forEach((v, t) => {
    if (Number.isNaN(trend[t])) return;
    const detrended = v - trend[t];
    seasonPlusRemainder.push(detrended);
    remainder.push(detrended - season[t % period]);
  });
  const variance = (a: number[]) => {
    const m = a.reduce((s, v) => s + v, 0) / a.length;
    return a.reduce((s, v) => s + (v - m) ** 2, 0) / Math.max(a.length - 1, 1);
  };
  const vsr = variance(seasonPlusRemainder);
  return vsr > 0 ? Math.max(0, Math.min(1, 1 - variance(remainder) / vsr)) : 0;
}

function isConstant(x: readonly number[]): boolean {
  return x.every((v) => Math.abs(v - x[0]) < 1e-12 * (Math.abs(x[0]) + 1));
}

/** Coefficients of a stationary AR polynomial from partial autocorrelations (Durbin–Levinson). */
function fromPartials(partials: readonly number[]): number[] {
  let phi: number[] = [];
  for (let k = 0; k < partials.length; k++) {
    const r = partials[k];
    const next = phi.map((v, j) => v - r * phi[k - 1 - j]);
    next.push(r);
    phi = next;
  }
  return phi;
}

/** (1 − Σ a_i B^i)(1 − Σ A_k B^{mk}) as the list [a*_1 … a*_{p+mP}] of the product's lag coefficients. */
function multiplySeasonal(nonSeasonal: readonly number[], seasonal: readonly number[], m: number, sign: 1 | -1): number[] {
  const length = nonSeasonal.length + m * seasonal.length;
  const out = new Array<number>(length).fill(0);
  // Polynomials written as 1 + sign·Σ c_i B^i.
  const a = [1, ...nonSeasonal.map((v) => sign * v)];
  const s = new Array<number>(m * seasonal.length + 1).fill(0);
  s[0] = 1;
  seasonal.forEach((v, k) => (s[m * (k + 1)] = sign * v));
  for (let i = 0; i < a.length; i++) for (let j = 0; j < s.length; j++) if (i + j > 0) out[i + j - 1] += a[i] * s[j];
  return out.map((v) => sign * v);
}

/**
 * Are all roots of 1 − Σ c_i z^i outside the circle |z| = radius? Step-down (Schur–Cohn) recursion
 * on the coefficients rescaled by radius^i: the polynomial is stationary iff every partial
 * autocorrelation it implies has modulus below 1.
 */
export function rootsOutside(coefficients: readonly number[], radius: number): boolean {
  let phi = coefficients.map((c, i) => c * radius ** (i + 1));
  while (phi.length > 0 && Math.abs(phi[phi.length - 1]) < 1e-12) phi.pop();
  for (let k = phi.length; k > 0; k--) {
    const r = phi[k - 1];
    if (!(Math.abs(r) < 1)) return false;
    const next: number[] = [];
    for (let j = 0; j < k - 1; j++) next.push((phi[j] + r * phi[k - 2 - j]) / (1 - r * r));
    phi = next;
  }
  return true;
}

interface Candidate {
  readonly order: ArimaOrder;
  readonly fit: ArimaFit;
}

function fitOrder(y: readonly number[], scale: number, order: ArimaOrder, m: number, conditioning: number): ArimaFit | null {
  const w = difference(y, order.d, order.D, m);
  const n = w.length;
  const { p, q, P, Q, constant } = order;
  const k = p + q + P + Q + (constant ? 1 : 0);
  const effective = n - conditioning;
  if (effective - k - 2 <= 0) return null;
  const wMean = w.reduce((a, b) => a + b, 0) / n;
  const e = new Float64Array(n);
  const unpack = (x: readonly number[]) => {
    const t = x.map((v) => Math.tanh(v));
    const ar = fromPartials(t.slice(0, p));
    const ma = fromPartials(t.slice(p, p + q)).map((v) => -v);
    const sar = fromPartials(t.slice(p + q, p + q + P));
    const sma = fromPartials(t.slice(p + q + P, p + q + P + Q)).map((v) => -v);
    const mu = constant ? x[p + q + P + Q] : 0;
    return { ar, ma, sar, sma, mu };
  };
  const css = (x: readonly number[]): number => {
    const { ar, ma, sar, sma, mu } = unpack(x);
    const a = multiplySeasonal(ar, sar, m, -1);
    const b = multiplySeasonal(ma, sma, m, 1);
    let sse = 0;
    for (let t = 0; t < n; t++) {
      if (t < conditioning) {
        e[t] = 0;
        continue;
      }
      let v = w[t] - mu;
      for (let i = 0; i < a.length; i++) v -= a[i] * (t - 1 - i >= 0 ? w[t - 1 - i] - mu : 0);
      for (let j = 0; j < b.length; j++) v -= b[j] * (t - 1 - j >= 0 ? e[t - 1 - j] : 0);
      e[t] = v;
      sse += v * v;
    }
    return sse;
  };
  const start = [...new Array<number>(k - (constant ? 1 : 0)).fill(0), ...(constant ? [wMean] : [])];
  const sd = Math.sqrt(w.reduce((s, v) => s + (v - wMean) ** 2, 0) / Math.max(n - 1, 1)) || 1;
  const steps = start.map((_, i) => (constant && i === k - 1 ? 0.1 * sd : 0.3));
  let best = k === 0 ? { x: [] as number[], value: css([]) } : nelderMead(css, start, { steps, maxIterations: 400 * k, tolerance: 1e-9 });
  if (k > 0) {
    const again = nelderMead(css, best.x, { steps: steps.map((s) => s / 3), maxIterations: 200 * k, tolerance: 1e-9 });
    if (again.value < best.value) best = again;
  }
  const sse = css(best.x);
  if (!Number.isFinite(sse)) return null;
  const sigma2 = Math.max(sse / effective, 1e-300);
  const loglik = -0.5 * effective * (Math.log(2 * Math.PI * sigma2) + 1);
  const parameters = k + 1;
  const aicc = -2 * loglik + 2 * parameters + (2 * parameters * (parameters + 1)) / (effective - parameters - 1);
  const u = unpack(best.x);
  // As auto.arima: a model with an AR or MA root within 1.01 of the unit circle is rejected
  // (near-unit MA roots are where the conditional sum of squares overfits).
  const nearUnit = !rootsOutside(multiplySeasonal(u.ar, u.sar, m, -1), 1.01) || !rootsOutside(multiplySeasonal(u.ma, u.sma, m, 1).map((v) => -v), 1.01);
  return {
    order, period: m, ar: u.ar, ma: u.ma, sar: u.sar, sma: u.sma,
    mean: u.mu * scale, sigma2: (sse / Math.max(effective - k, 1)) * scale * scale, aicc: nearUnit ? Infinity : aicc,
    w: w.map((v) => v * scale), residuals: Array.from(e, (v) => v * scale),
  };
}

/** Fits ARIMA of the given orders; null when the differenced series is too short for them. */
export function fitArima(values: readonly number[], period: number, order: ArimaOrder): ArimaFit | null {
  const scale = values.reduce((a, v) => a + Math.abs(v), 0) / values.length || 1;
  const m = order.P + order.D + order.Q > 0 ? period : 1;
  const conditioning = MAX_P + (order.P > 0 || order.Q > 0 ? m : 0);
  return fitOrder(values.map((v) => v / scale), scale, order, m, conditioning);
}

/** Point forecasts and standard errors (ψ-weights of the integrated model) for horizons 1..h. */
export function forecastArimaFit(fit: ArimaFit, history: readonly number[], horizon: number): { mean: number[]; sd: number[] } {
  const m = fit.period;
  const a = multiplySeasonal(fit.ar, fit.sar, m, -1);
  const b = multiplySeasonal(fit.ma, fit.sma, m, 1);
  const w = fit.w.slice();
  const e = fit.residuals.slice();
  const mu = fit.order.constant ? fit.mean : 0;
  for (let h = 0; h < horizon; h++) {
    const t = w.length;
    let v = mu;
    for (let i = 0; i < a.length; i++) v += a[i] * (t - 1 - i >= 0 ? w[t - 1 - i] - mu : 0);
    for (let j = 0; j < b.length; j++) v += b[j] * (t - 1 - j >= 0 ? e[t - 1 - j] : 0);
    w.push(v);
    e.push(0);
  }
  // Integrate: (1 − B)^d (1 − B^m)^D y_t = w_t.
  const diffPoly = differencingPolynomial(fit.order.d, fit.order.D, m);
  const y = history.slice();
  for (let h = 0; h < horizon; h++) {
    let v = w[fit.w.length + h];
    for (let k = 1; k < diffPoly.length; k++) v -= diffPoly[k] * y[y.length - k];
    y.push(v);
  }
  // ψ-weights of φ*(B) = φ(B)Φ(B^m)(1 − B)^d(1 − B^m)^D.
  const arFull = polyMultiply([1, ...a.map((v) => -v)], diffPoly);
  const psi = [1];
  for (let j = 1; j < horizon; j++) {
    let v = j - 1 < b.length ? b[j - 1] : 0;
    for (let i = 1; i <= j && i < arFull.length; i++) v -= arFull[i] * psi[j - i];
    psi.push(v);
  }
  const sd: number[] = [];
  let acc = 0;
  for (let h = 0; h < horizon; h++) {
    acc += psi[h] * psi[h];
    sd.push(Math.sqrt(fit.sigma2 * acc));
  }
  return { mean: y.slice(history.length), sd };
}

function polyMultiply(a: readonly number[], b: readonly number[]): number[] {
  const out = new Array<number>(a.length + b.length - 1).fill(0);
  a.forEach((x, i) => b.forEach((y, j) => (out[i + j] += x * y)));
  return out;
}

function differencingPolynomial(d: number, D: number, m: number): number[] {
  let poly = [1];
  for (let i = 0; i < d; i++) poly = polyMultiply(poly, [1, -1]);
  const seasonal = new Array<number>(m + 1).fill(0);
  seasonal[0] = 1;
  seasonal[m] = -1;
  for (let i = 0; i < D; i++) poly = polyMultiply(poly, seasonal);
  return poly;
}

/** Chooses differencing and orders automatically and forecasts with 80/95 % intervals. */
export function autoArima(series: Series, horizon: number, options: ArimaSearchOptions = {}): Forecast & { fit: ArimaFit } {
  const maxP = options.maxP ?? MAX_P;
  const maxQ = options.maxQ ?? MAX_Q;
  const maxSP = options.maxSeasonalP ?? 1;
  const maxSQ = options.maxSeasonalQ ?? 1;
  const values = series.values;
  assertForecastable(values, horizon, 6, 'ARIMA');
  const warnings: string[] = [];
  const seasonalPossible = series.period > 1 && values.length >= 3 * series.period;
  const m = seasonalPossible ? series.period : 1;
  const D = seasonalPossible && seasonalStrength(values, m) > 0.64 ? 1 : 0;
  const d = firstDifferences(difference(values, 0, D, m));
  const scale = values.reduce((a, v) => a + Math.abs(v), 0) / values.length || 1;
  const y = values.map((v) => v / scale);
  const conditioning = maxP + (seasonalPossible && options.conditioning !== 'short' ? maxSP * m : 0);
  const allowConstant = d + D <= 1;
  const seen = new Map<string, Candidate | null>();
  const tryOrder = (p: number, q: number, P: number, Q: number, constant: boolean): Candidate | null => {
    if (p < 0 || q < 0 || P < 0 || Q < 0 || p > maxP || q > maxQ || P > maxSP || Q > maxSQ) return null;
    if (!seasonalPossible && (P > 0 || Q > 0)) return null;
    if (constant && !allowConstant) return null;
    const order: ArimaOrder = { p, d, q, P, D, Q, constant };
    const key = `${p},${q},${P},${Q},${constant}`;
    if (!seen.has(key)) {
      const fit = fitOrder(y, scale, order, m, conditioning);
      seen.set(key, fit ? { order, fit } : null);
    }
    return seen.get(key) ?? null;
  };
  const s = seasonalPossible ? 1 : 0;
  let best: Candidate | null = null;
  const consider = (c: Candidate | null) => {
    if (c && (!best || c.fit.aicc < best.fit.aicc - 1e-9)) {
      best = c;
      return true;
    }
    return false;
  };
  for (const [p, q, P, Q] of [[2, 2, s, s], [0, 0, 0, 0], [1, 0, s, 0], [0, 1, 0, s]]) consider(tryOrder(p, q, P, Q, allowConstant));
  if (allowConstant) consider(tryOrder(0, 0, 0, 0, false));
  for (let improved = true, rounds = 0; improved && rounds < 50; rounds++) {
    improved = false;
    const c: Candidate | null = best;
    if (!c) break;
    const { p, q, P, Q, constant } = (c as Candidate).order;
    const moves: [number, number, number, number, boolean][] = [
      [p, q, P - 1, Q, constant], [p, q, P + 1, Q, constant], [p, q, P, Q - 1, constant], [p, q, P, Q + 1, constant],
      [p, q, P - 1, Q - 1, constant], [p, q, P + 1, Q + 1, constant],
      [p - 1, q, P, Q, constant], [p + 1, q, P, Q, constant], [p, q - 1, P, Q, constant], [p, q + 1, P, Q, constant],
      [p - 1, q - 1, P, Q, constant], [p + 1, q + 1, P, Q, constant], [p, q, P, Q, !constant],
    ];
    for (const move of moves) {
      if (consider(tryOrder(...move))) {
        improved = true;
        break;
      }
    }
  }
  const chosen = best as Candidate | null;
  if (!chosen) throw new Error('ARIMA: no model could be fitted');
  const fit = chosen.fit;
  const { mean, sd } = forecastArimaFit(fit, values, horizon);
  if (series.period > 1 && !seasonalPossible) warnings.push(`Fewer than three seasonal cycles: seasonal ARIMA terms not tried.`);
  const params: Record<string, number> = { sigma: Math.sqrt(fit.sigma2) };
  fit.ar.forEach((v, i) => (params[`ar${i + 1}`] = v));
  fit.ma.forEach((v, i) => (params[`ma${i + 1}`] = v));
  fit.sar.forEach((v, i) => (params[`sar${i + 1}`] = v));
  fit.sma.forEach((v, i) => (params[`sma${i + 1}`] = v));
  if (fit.order.constant) params[fit.order.d + fit.order.D === 0 ? 'mean' : 'drift'] = fit.mean;
  return { family: 'arima', model: arimaName(fit.order, m), mean, intervals: normalIntervals(mean, sd), params, aicc: fit.aicc, warnings, fit };
}
