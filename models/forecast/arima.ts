import { assertForecastable } from './errors.ts';
import { nelderMead } from './nelder-mead.ts';
import { normalIntervals } from './intervals.ts';
import { stl } from './stl.ts';
import type { Forecast, Series } from './types.ts';

/**
 * Seasonal ARIMA with automatic order selection after Hyndman & Khandakar (2008), the algorithm
 * of R's `auto.arima`: seasonal differencing when the seasonal strength exceeds 0.64, ordinary
 * differencing while the KPSS test (5 %) rejects stationarity, then a stepwise search over
 * (p, q, P, Q, constant) by AICc of conditional-sum-of-squares fits (what R does with
 * `approximation = TRUE`) on a common conditioning window (the first 3 + period differenced
 * values), so that AICc compares like with like. Orders are capped at p, q ≤ 3 and P, Q ≤ 1. AR
 * and MA polynomials are parametrised through partial autocorrelations, so every fitted model is
 * stationary and invertible.
 *
 * `estimation: 'CSS-ML'` then refits the chosen orders by exact Gaussian maximum likelihood, as R
 * does (`armaKalman`: Kalman filter started from the stationary state covariance), taking the
 * next-best orders when a refit has a root within 1.01 of the unit circle. Not the default: on the
 * M3 validation split it made ARIMA alone better by sMAPE (15.65 → 15.41) but worse by MASE
 * (0.979 → 0.985), left the shipped median unchanged (13.81 / 0.858 → 13.81 / 0.859), and costs
 * about 70 % more time.
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
  /** How the coefficients were estimated: conditional sum of squares or exact Gaussian likelihood. */
  readonly method: 'CSS' | 'ML';
  /** ML fits only: forecasts of the differenced series from the Kalman filter's final state (scaled back). */
  readonly wForecast?: (horizon: number) => number[];
  /** The optimiser's unconstrained vector (partial autocorrelations through atanh, then the mean). */
  readonly x: number[];
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
  /**
   * 'CSS' (default): the conditional-sum-of-squares fit of the stepwise search is kept. 'CSS-ML' (as
   * R): the chosen orders are refitted by exact Gaussian likelihood (Kalman filter), falling back to
   * the next-best orders when the refit has a root within 1.01 of the unit circle.
   */
  readonly estimation?: 'CSS' | 'CSS-ML';
  /** Also try R's exchange moves (p − 1, q + 1), (p + 1, q − 1) and their seasonal twins in the stepwise search. */
  readonly crossMoves?: boolean;
  /**
   * 'css' (default): candidates are ranked by the AICc of their conditional sum of squares on the
   * common window. 'exact': by the AICc of the exact Gaussian likelihood (Kalman filter) of the whole
   * differenced series at the CSS estimates, one filter pass per candidate.
   */
  readonly ranking?: 'css' | 'exact';
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

/** KPSS level-stationarity statistic with R's `ndiffs` Bartlett window: trunc(3·√n / 13) lags. */
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
  const lags = Math.trunc((3 * Math.sqrt(n)) / 13);
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

/**
 * Seasonal strength max(0, 1 − Var(R) / Var(S + R)) from an STL decomposition with a seasonal
 * window of 11, as R's `nsdiffs` heuristic computes it (`mstl` on one seasonality).
 */
export function seasonalStrength(values: readonly number[], period: number): number {
  if (values.length <= 2 * period) return 0;
  const { seasonal, remainder } = stl(values, period, { seasonalWindow: 11 });
  const variance = (a: readonly number[]) => {
    const m = a.reduce((s, v) => s + v, 0) / a.length;
    return a.reduce((s, v) => s + (v - m) ** 2, 0) / Math.max(a.length - 1, 1);
  };
  const vsr = variance(remainder.map((r, i) => r + seasonal[i]));
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

/** Positions (0-based: lag − 1) and values of the non-zero coefficients. */
function nonZeroLags(coefficients: readonly number[]): { lags: number[]; values: number[] } {
  const lags: number[] = [];
  const values: number[] = [];
  coefficients.forEach((c, i) => {
    if (c !== 0) {
      lags.push(i);
      values.push(c);
    }
  });
  return { lags, values };
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

/** Coefficients from the optimiser's vector: tanh of each value is a partial autocorrelation. */
function unpackParameters(order: ArimaOrder, x: readonly number[]) {
  const { p, q, P, Q, constant } = order;
  const t = x.map((v) => Math.tanh(v));
  const ar = fromPartials(t.slice(0, p));
  const ma = fromPartials(t.slice(p, p + q)).map((v) => -v);
  const sar = fromPartials(t.slice(p + q, p + q + P));
  const sma = fromPartials(t.slice(p + q + P, p + q + P + Q)).map((v) => -v);
  const mu = constant ? x[p + q + P + Q] : 0;
  return { ar, ma, sar, sma, mu };
}

/** Solves M·x = c in place by Gaussian elimination with partial pivoting; false if singular. */
function solveLinear(M: Float64Array, c: Float64Array, n: number): boolean {
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(M[r * n + col]) > Math.abs(M[pivot * n + col])) pivot = r;
    if (!(Math.abs(M[pivot * n + col]) > 1e-300)) return false;
    if (pivot !== col) {
      for (let k = 0; k < n; k++) [M[col * n + k], M[pivot * n + k]] = [M[pivot * n + k], M[col * n + k]];
      [c[col], c[pivot]] = [c[pivot], c[col]];
    }
    for (let r = col + 1; r < n; r++) {
      const f = M[r * n + col] / M[col * n + col];
      if (f === 0) continue;
      for (let k = col; k < n; k++) M[r * n + k] -= f * M[col * n + k];
      c[r] -= f * c[col];
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let v = c[r];
    for (let k = r + 1; k < n; k++) v -= M[r * n + k] * c[k];
    c[r] = v / M[r * n + r];
  }
  return true;
}

/**
 * Stationary covariance of the state of the ARMA model w_t = Σ φ_i w_{t−i} + e_t + Σ θ_j e_{t−j}
 * (unit innovation variance) in Harvey's state-space form with r = max(p, q + 1) states: from the
 * autocovariances γ and ψ-weights, P0 = Cov(α) with α_i = Σ_{k>i} φ_k w_{t+i−k} + Σ_{k≥i} θ_k e_{t+i−k}.
 * Null when the AR part is (numerically) non-stationary.
 */
export function stationaryStateCovariance(phi: readonly number[], theta: readonly number[], r: number): Float64Array | null {
  const p = phi.length;
  const q = theta.length;
  const ph = (k: number) => (k >= 1 && k <= p ? phi[k - 1] : 0);
  const th = (k: number) => (k === 0 ? 1 : k <= q ? theta[k - 1] : 0);
  const lags = Math.max(r, q + 1);
  const psi = new Float64Array(lags + 1);
  for (let j = 0; j <= lags; j++) {
    let v = th(j);
    for (let i = 1; i <= Math.min(j, p); i++) v += ph(i) * psi[j - i];
    psi[j] = v;
  }
  const c = (k: number) => {
    let v = 0;
    for (let j = k; j <= q; j++) v += th(j) * psi[j - k];
    return v;
  };
  const gamma = new Float64Array(lags + 1);
  const M = new Float64Array((p + 1) * (p + 1));
  const rhs = new Float64Array(p + 1);
  for (let k = 0; k <= p; k++) {
    M[k * (p + 1) + k] += 1;
    for (let i = 1; i <= p; i++) M[k * (p + 1) + Math.abs(k - i)] -= ph(i);
    rhs[k] = c(k);
  }
  if (!solveLinear(M, rhs, p + 1)) return null;
  for (let k = 0; k <= Math.min(p, lags); k++) gamma[k] = rhs[k];
  for (let k = p + 1; k <= lags; k++) {
    let v = c(k);
    for (let i = 1; i <= p; i++) v += ph(i) * gamma[k - i];
    gamma[k] = v;
  }
  if (!(gamma[0] > 0) || !Number.isFinite(gamma[0])) return null;
  // α_i = Σ_s A[i][s] w_{t−s} + Σ_s B[i][s] e_{t−s}, s = 0 … r − 1.
  const A = new Float64Array(r * r);
  const B = new Float64Array(r * r);
  A[0] = 1;
  for (let i = 1; i < r; i++) {
    for (let s = 1; s <= r - i; s++) A[i * r + s] = ph(s + i);
    for (let s = 0; s <= r - 1 - i; s++) B[i * r + s] = th(s + i);
  }
  // Cov(w_{t−s}, w_{t−u}) = γ(|s − u|); Cov(w_{t−s}, e_{t−u}) = ψ(u − s) for u ≥ s.
  const G = new Float64Array(r * r); // A Σww + B Σew
  const H = new Float64Array(r * r); // A Σwe + B
  for (let i = 0; i < r; i++) {
    for (let u = 0; u < r; u++) {
      let g = 0;
      let h = B[i * r + u];
      for (let s = 0; s < r; s++) {
        const a = A[i * r + s];
        if (a !== 0) {
          g += a * gamma[Math.abs(s - u)];
          if (u >= s) h += a * psi[u - s];
        }
        const b = B[i * r + s];
        if (b !== 0 && s >= u) g += b * psi[s - u];
      }
      G[i * r + u] = g;
      H[i * r + u] = h;
    }
  }
  const P0 = new Float64Array(r * r);
  for (let i = 0; i < r; i++) {
    for (let j = i; j < r; j++) {
      let v = 0;
      for (let u = 0; u < r; u++) v += G[i * r + u] * A[j * r + u] + H[i * r + u] * B[j * r + u];
      P0[i * r + j] = v;
      P0[j * r + i] = v;
    }
  }
  return P0;
}

interface KalmanResult {
  /** Σ v_t² / F_t and Σ log F_t over the series. */
  ssq: number;
  sumLogF: number;
  /** Predicted state after the last observation. */
  state: Float64Array;
  /** Standardised innovations v_t / √F_t. */
  innovations: Float64Array | null;
}

/**
 * Kalman filter of a zero-mean ARMA series x with AR coefficients phi and MA coefficients theta
 * (the exact Gaussian likelihood, as R's `arima` with method "ML"). Once the state covariance has
 * converged (change below 1e-12) the gain is held fixed, which changes nothing but the cost.
 */
export function armaKalman(x: ArrayLike<number>, phi: readonly number[], theta: readonly number[], keepInnovations = false): KalmanResult | null {
  const r = Math.max(phi.length, theta.length + 1, 1);
  const P = stationaryStateCovariance(phi, theta, r);
  if (!P) return null;
  const ph = new Float64Array(r + 1);
  phi.forEach((v, i) => (ph[i] = v)); // ph[i] = φ_{i+1}
  const R = new Float64Array(r);
  R[0] = 1;
  for (let i = 1; i < r; i++) R[i] = i <= theta.length ? theta[i - 1] : 0;
  const a = new Float64Array(r);
  const K = new Float64Array(r);
  const M = new Float64Array(r * r);
  const Pn = new Float64Array(r * r);
  const innovations = keepInnovations ? new Float64Array(x.length) : null;
  let steady = false;
  let F = 0;
  let ssq = 0;
  let sumLogF = 0;
  for (let t = 0; t < x.length; t++) {
    if (!steady) {
      F = P[0];
      if (!(F > 1e-12)) return null;
      for (let i = 0; i < r; i++) K[i] = P[i * r] / F;
    }
    const v = x[t] - a[0];
    ssq += (v * v) / F;
    sumLogF += Math.log(F);
    if (innovations) innovations[t] = v / Math.sqrt(F);
    // Update then predict the state: a ← T (a + K v), T = [φ | I; 0].
    for (let i = 0; i < r; i++) a[i] += K[i] * v;
    const a0 = a[0];
    for (let i = 0; i < r - 1; i++) a[i] = ph[i] * a0 + a[i + 1];
    a[r - 1] = ph[r - 1] * a0;
    if (steady) continue;
    // P ← T (P − P e1 e1' P / F) T' + R R'.
    for (let i = 0; i < r; i++) {
      const ki = P[i * r];
      for (let j = i; j < r; j++) {
        const v2 = P[i * r + j] - (ki * P[j * r]) / F;
        M[i * r + j] = v2;
        M[j * r + i] = v2;
      }
    }
    // Pn = T M T' + R R'; (T M)[i][j] = φ_{i+1} M[0][j] + M[i+1][j].
    let change = 0;
    for (let i = 0; i < r; i++) {
      for (let j = i; j < r; j++) {
        const tmi0 = ph[i] * M[0] + (i + 1 < r ? M[(i + 1) * r] : 0);
        // (T M T')[i][j] = (TM)[i][0]·φ_{j+1} + (TM)[i][j+1]
        const tmij1 = j + 1 < r ? ph[i] * M[j + 1] + (i + 1 < r ? M[(i + 1) * r + j + 1] : 0) : 0;
        const v2 = tmi0 * ph[j] + tmij1 + R[i] * R[j];
        change = Math.max(change, Math.abs(v2 - P[i * r + j]));
        Pn[i * r + j] = v2;
        Pn[j * r + i] = v2;
      }
    }
    P.set(Pn);
    if (change < 1e-12) steady = true;
  }
  return { ssq, sumLogF, state: a, innovations };
}

/**
 * Refits `order` by exact maximum likelihood from the optimiser vector x0 (the CSS estimates, as
 * R's default method "CSS-ML"). Null when no finite likelihood was found.
 */
function fitExact(y: readonly number[], scale: number, order: ArimaOrder, m: number, x0: readonly number[]): ArimaFit | null {
  const w = difference(y, order.d, order.D, m);
  const n = w.length;
  const { p, q, P, Q, constant } = order;
  const k = p + q + P + Q + (constant ? 1 : 0);
  if (n - k - 2 <= 0) return null;
  const x = new Float64Array(n);
  const coefficients = (v: readonly number[]) => {
    const u = unpackParameters(order, v);
    return { u, phi: multiplySeasonal(u.ar, u.sar, m, -1), theta: multiplySeasonal(u.ma, u.sma, m, 1) };
  };
  const objective = (v: readonly number[]) => {
    const { u, phi, theta } = coefficients(v);
    for (let t = 0; t < n; t++) x[t] = w[t] - u.mu;
    const kf = armaKalman(x, phi, theta);
    if (!kf || !(kf.ssq > 0)) return Infinity;
    return n * Math.log(kf.ssq / n) + kf.sumLogF;
  };
  const wMean = w.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(w.reduce((s, v) => s + (v - wMean) ** 2, 0) / Math.max(n - 1, 1)) || 1;
  // Partial autocorrelations near ±1 sit far out in atanh space; start no further than |r| = 0.97.
  const start = x0.map((v, i) => (constant && i === k - 1 ? v : Math.max(-2.1, Math.min(2.1, v))));
  const steps = start.map((_, i) => (constant && i === k - 1 ? 0.05 * sd : 0.15));
  let best = k === 0 ? { x: [] as number[], value: objective([]) } : nelderMead(objective, start, { steps, maxIterations: 300 * k, tolerance: 1e-9 });
  if (k > 0) {
    const again = nelderMead(objective, best.x, { steps: steps.map((s) => s / 3), maxIterations: 150 * k, tolerance: 1e-9 });
    if (again.value < best.value) best = again;
  }
  if (!Number.isFinite(best.value)) return null;
  const { u, phi, theta } = coefficients(best.x);
  for (let t = 0; t < n; t++) x[t] = w[t] - u.mu;
  const kf = armaKalman(x, phi, theta, true)!;
  const concentrated = kf.ssq / n;
  const minus2LogLik = n * (Math.log(2 * Math.PI * concentrated) + 1) + kf.sumLogF;
  const parameters = k + 1;
  const aicc = minus2LogLik + 2 * parameters + (2 * parameters * (parameters + 1)) / (n - parameters - 1);
  const nearUnit = !rootsOutside(phi, 1.01) || !rootsOutside(theta.map((v) => -v), 1.01);
  const finalState = kf.state;
  const r = finalState.length;
  const wForecast = (horizon: number) => {
    const a = Float64Array.from(finalState);
    const out: number[] = [];
    for (let h = 0; h < horizon; h++) {
      out.push((a[0] + u.mu) * scale);
      const a0 = a[0];
      for (let i = 0; i < r - 1; i++) a[i] = (i < phi.length ? phi[i] : 0) * a0 + a[i + 1];
      a[r - 1] = (r - 1 < phi.length ? phi[r - 1] : 0) * a0;
    }
    return out;
  };
  return {
    order, period: m, ar: u.ar, ma: u.ma, sar: u.sar, sma: u.sma,
    mean: u.mu * scale,
    // Innovation variance with the degrees-of-freedom correction of the CSS fits (ML's ssq/n is biased low).
    sigma2: (kf.ssq / Math.max(n - k, 1)) * scale * scale,
    aicc: nearUnit ? Infinity : aicc,
    w: w.map((v) => v * scale),
    residuals: Array.from(kf.innovations!, (v) => v * Math.sqrt(concentrated) * scale),
    method: 'ML', wForecast, x: best.x,
  };
}

interface Candidate {
  readonly order: ArimaOrder;
  readonly fit: ArimaFit;
}

function fitOrder(y: readonly number[], scale: number, order: ArimaOrder, m: number, conditioning: number, ranking: 'css' | 'exact' = 'css'): ArimaFit | null {
  const w = difference(y, order.d, order.D, m);
  const n = w.length;
  const { p, q, P, Q, constant } = order;
  const k = p + q + P + Q + (constant ? 1 : 0);
  const effective = n - conditioning;
  if (effective - k - 2 <= 0) return null;
  const wMean = w.reduce((a, b) => a + b, 0) / n;
  const e = new Float64Array(n);
  const unpack = (x: readonly number[]) => unpackParameters(order, x);
  const css = (x: readonly number[]): number => {
    const { ar, ma, sar, sma, mu } = unpack(x);
    // Only the non-zero lags: a seasonal product has zeros between lag p and lag m (skipping a
    // zero term leaves every sum exactly as it was).
    const a = nonZeroLags(multiplySeasonal(ar, sar, m, -1));
    const b = nonZeroLags(multiplySeasonal(ma, sma, m, 1));
    let sse = 0;
    for (let t = 0; t < n; t++) {
      if (t < conditioning) {
        e[t] = 0;
        continue;
      }
      let v = w[t] - mu;
      for (let k = 0; k < a.lags.length; k++) {
        const i = a.lags[k];
        v -= a.values[k] * (t - 1 - i >= 0 ? w[t - 1 - i] - mu : 0);
      }
      for (let k = 0; k < b.lags.length; k++) {
        const j = b.lags[k];
        v -= b.values[k] * (t - 1 - j >= 0 ? e[t - 1 - j] : 0);
      }
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
  const rankedBy = ranking === 'exact' && !nearUnit ? exactAicc(w, u, m, k) : aicc;
  return {
    order, period: m, ar: u.ar, ma: u.ma, sar: u.sar, sma: u.sma,
    mean: u.mu * scale, sigma2: (sse / Math.max(effective - k, 1)) * scale * scale, aicc: nearUnit ? Infinity : rankedBy,
    w: w.map((v) => v * scale), residuals: Array.from(e, (v) => v * scale), method: 'CSS', x: best.x,
  };
}

/** AICc of the exact Gaussian likelihood of the whole differenced series w at the given coefficients. */
function exactAicc(w: readonly number[], u: ReturnType<typeof unpackParameters>, m: number, k: number): number {
  const n = w.length;
  const kf = armaKalman(w.map((v) => v - u.mu), multiplySeasonal(u.ar, u.sar, m, -1), multiplySeasonal(u.ma, u.sma, m, 1));
  if (!kf || !(kf.ssq > 0)) return Infinity;
  const parameters = k + 1;
  if (n - parameters - 1 <= 0) return Infinity;
  const minus2LogLik = n * (Math.log(2 * Math.PI * (kf.ssq / n)) + 1) + kf.sumLogF;
  return minus2LogLik + 2 * parameters + (2 * parameters * (parameters + 1)) / (n - parameters - 1);
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
  if (fit.wForecast) w.push(...fit.wForecast(horizon));
  else for (let h = 0; h < horizon; h++) {
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
  // As auto.arima: seasonal differencing needs over two cycles, seasonal AR/MA terms three.
  const seasonalDifferencePossible = series.period > 1 && values.length > 2 * series.period;
  const seasonalPossible = series.period > 1 && values.length >= 3 * series.period;
  const m = seasonalDifferencePossible ? series.period : 1;
  const D = seasonalDifferencePossible && seasonalStrength(values, m) > 0.64 ? 1 : 0;
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
      const fit = fitOrder(y, scale, order, m, conditioning, options.ranking);
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
    // R's auto.arima (forecast ≥ 8.0) also trades one order for another: P ∓ 1 with Q ± 1, p ∓ 1 with q ± 1.
    if (options.crossMoves) moves.splice(6, 0, [p, q, P - 1, Q + 1, constant], [p, q, P + 1, Q - 1, constant]);
    if (options.crossMoves) moves.splice(14, 0, [p - 1, q + 1, P, Q, constant], [p + 1, q - 1, P, Q, constant]);
    for (const move of moves) {
      if (consider(tryOrder(...move))) {
        improved = true;
        break;
      }
    }
  }
  const chosen = best as Candidate | null;
  if (!chosen) throw new Error('ARIMA: no model could be fitted');
  let fit = chosen.fit;
  if ((options.estimation ?? 'CSS') === 'CSS-ML') {
    const ranked = [...seen.values()].filter((c): c is Candidate => c !== null && Number.isFinite(c.fit.aicc)).sort((a, b) => a.fit.aicc - b.fit.aicc);
    for (const c of ranked) {
      const exact = fitExact(y, scale, c.order, m, c.fit.x);
      if (exact && Number.isFinite(exact.aicc)) {
        fit = exact;
        break;
      }
    }
  }
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
