import { assertForecastable } from './errors.ts';
import { seasonalIndices } from './decompose.ts';
import { nelderMead } from './nelder-mead.ts';
import { normalIntervals, simulatedIntervals } from './intervals.ts';
import { normalSampler, seededRandom } from './normal.ts';
import type { Forecast, Series } from './types.ts';

/**
 * Exponential smoothing state-space models (Hyndman et al. 2002, 2008), the family R's
 * `forecast::ets` fits: error A/M, trend N/A/Ad, season N/A/M. The recursions, the likelihood, the
 * initial states (classical decomposition of the first three cycles, regression on the first ten
 * points) and the admitted models (no multiplicative trend, no additive error with multiplicative
 * season) follow R's `etscalc`/`initstate`. Parameters and initial states are fitted by maximum
 * likelihood with Nelder–Mead on the series divided by its mean absolute value (AICc comparisons
 * are unchanged by that scale), and models are chosen by AICc.
 *
 * Known limitation: R also rejects parameter sets outside the "admissible" (forecastable) region
 * with an eigenvalue test; here only the usual bounds (0 < β ≤ α < 1, γ ≤ 1 − α, 0.8 ≤ φ ≤ 0.98)
 * are enforced.
 */

export type ErrorType = 'A' | 'M';
export type TrendType = 'N' | 'A' | 'Ad';
export type SeasonType = 'N' | 'A' | 'M';

export interface EtsSpec {
  readonly error: ErrorType;
  readonly trend: TrendType;
  readonly season: SeasonType;
}

export interface EtsFit {
  readonly spec: EtsSpec;
  readonly name: string;
  readonly period: number;
  readonly alpha: number;
  readonly beta: number;
  readonly gamma: number;
  readonly phi: number;
  /** Scale the series was divided by; states below are on the original scale. */
  readonly scale: number;
  /** Final level, slope, and the seasonal index of each cycle position (by time index mod period). */
  readonly level: number;
  readonly slope: number;
  readonly seasonal: readonly number[];
  /** Index of the next period (= history length), to align seasonal positions. */
  readonly n: number;
  /** Variance of the innovations (absolute for additive errors, relative for multiplicative). */
  readonly sigma2: number;
  readonly loglik: number;
  readonly aicc: number;
  readonly parameterCount: number;
}

const LOWER = 1e-4;
const UPPER = 0.9999;
const PHI_LOW = 0.8;
const PHI_HIGH = 0.98;

const logistic = (x: number) => 1 / (1 + Math.exp(-x));
const logit = (p: number) => Math.log(p / (1 - p));
const clampOpen = (p: number) => Math.min(Math.max(p, 1e-6), 1 - 1e-6);

export function etsName(spec: EtsSpec): string {
  return `ETS(${spec.error},${spec.trend},${spec.season})`;
}

/** The models R's `ets` considers by default for this series. */
export function admittedSpecs(values: readonly number[], period: number): EtsSpec[] {
  const positive = values.every((v) => v > 0);
  const seasonalOk = period > 1 && values.length >= 2 * period;
  const specs: EtsSpec[] = [];
  for (const error of ['A', 'M'] as const) {
    if (error === 'M' && !positive) continue;
    for (const trend of ['N', 'A', 'Ad'] as const) {
      for (const season of ['N', 'A', 'M'] as const) {
        if (season !== 'N' && !seasonalOk) continue;
        if (season === 'M' && (!positive || error === 'A')) continue;
        specs.push({ error, trend, season });
      }
    }
  }
  return specs;
}

interface Layout {
  readonly spec: EtsSpec;
  readonly m: number;
  readonly hasTrend: boolean;
  readonly damped: boolean;
  readonly hasSeason: boolean;
}

interface Decoded {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
  l0: number;
  b0: number;
  /** Seasonal index per cycle position 0..m-1 (position 0 is the first observation's). */
  s0: Float64Array;
}

/** Maps the unconstrained optimiser vector to parameters inside the usual bounds. */
function decode(layout: Layout, x: readonly number[], out: Decoded): boolean {
  let i = 0;
  out.alpha = LOWER + (UPPER - LOWER) * logistic(x[i++]);
  out.beta = layout.hasTrend ? LOWER + (out.alpha - LOWER) * logistic(x[i++]) : 0;
  if (layout.hasSeason) {
    const top = 1 - out.alpha;
    if (top <= LOWER) return false;
    out.gamma = LOWER + (top - LOWER) * logistic(x[i++]);
  } else out.gamma = 0;
  out.phi = layout.damped ? PHI_LOW + (PHI_HIGH - PHI_LOW) * logistic(x[i++]) : 1;
  out.l0 = x[i++];
  out.b0 = layout.hasTrend ? x[i++] : 0;
  if (layout.hasSeason) {
    const m = layout.m;
    let sum = 0;
    for (let j = 1; j < m; j++) {
      out.s0[j] = x[i++];
      sum += out.s0[j];
    }
    out.s0[0] = layout.spec.season === 'M' ? m - sum : -sum;
    if (layout.spec.season === 'M') for (let j = 0; j < m; j++) if (out.s0[j] <= 1e-3) return false;
  }
  return true;
}

interface RunResult {
  sse: number;
  sumLogF: number;
  level: number;
  slope: number;
}

/** One pass of the recursions (R's etscalc); `season` is updated in place. Returns null when a forecast is unusable. */
function run(layout: Layout, y: ArrayLike<number>, p: Decoded, season: Float64Array, out: RunResult): boolean {
  const { spec, m, hasTrend, hasSeason } = layout;
  const multError = spec.error === 'M';
  const multSeason = spec.season === 'M';
  const { alpha, beta, gamma, phi } = p;
  const ratio = hasTrend ? beta / alpha : 0;
  let l = p.l0;
  let b = p.b0;
  let sse = 0;
  let sumLog = 0;
  for (let t = 0; t < y.length; t++) {
    const pos = hasSeason ? t % m : 0;
    const s = hasSeason ? season[pos] : 0;
    const phib = hasTrend ? phi * b : 0;
    const q = l + phib;
    const f = !hasSeason ? q : multSeason ? q * s : q + s;
    const yt = y[t];
    let e: number;
    if (multError) {
      if (!(Math.abs(f) > 1e-10)) return false;
      e = (yt - f) / f;
      sumLog += Math.log(Math.abs(f));
    } else e = yt - f;
    sse += e * e;
    const deseason = !hasSeason ? yt : multSeason ? yt / s : yt - s;
    const lNew = q + alpha * (deseason - q);
    if (hasTrend) b = phib + ratio * (lNew - l - phib);
    if (hasSeason) {
      const target = multSeason ? (Math.abs(q) < 1e-10 ? 1e10 : yt / q) : yt - q;
      season[pos] = s + gamma * (target - s);
    }
    l = lNew;
  }
  if (!Number.isFinite(sse)) return false;
  out.sse = sse;
  out.sumLogF = sumLog;
  out.level = l;
  out.slope = b;
  return true;
}

/** −2·log-likelihood up to a constant (R's `lik`): n·log(SSE) + 2·Σ log|ŷ| for multiplicative errors. */
function minus2LogLik(layout: Layout, n: number, r: RunResult): number {
  return n * Math.log(r.sse) + (layout.spec.error === 'M' ? 2 * r.sumLogF : 0);
}

/** Initial states as R's `initstate`, on the scaled series. */
function initialStates(y: readonly number[], layout: Layout): { l0: number; b0: number; s: number[] } {
  const { m, hasSeason, hasTrend } = layout;
  let adjusted = y.slice();
  let s: number[] = [];
  if (hasSeason) {
    const kind = layout.spec.season === 'M' ? 'multiplicative' : 'additive';
    s = seasonalIndices(y.slice(0, Math.min(y.length, 3 * m)), m, kind);
    if (kind === 'multiplicative') {
      s = s.map((v) => Math.max(v, 1e-2));
      const total = s.reduce((a, b) => a + b, 0);
      s = s.map((v) => (v * m) / total);
      adjusted = y.map((v, t) => v / s[t % m]);
    } else adjusted = y.map((v, t) => v - s[t % m]);
  }
  const k = Math.min(Math.max(10, 2 * m), adjusted.length);
  const head = adjusted.slice(0, k);
  if (!hasTrend) return { l0: head.reduce((a, b) => a + b, 0) / k, b0: 0, s };
  const xm = (k + 1) / 2;
  const ym = head.reduce((a, b) => a + b, 0) / k;
  let sxy = 0;
  let sxx = 0;
  head.forEach((v, i) => {
    sxy += (i + 1 - xm) * (v - ym);
    sxx += (i + 1 - xm) ** 2;
  });
  const slope = sxx > 0 ? sxy / sxx : 0;
  return { l0: ym - slope * xm, b0: slope, s };
}

function layoutOf(spec: EtsSpec, period: number): Layout {
  return { spec, m: spec.season === 'N' ? 1 : period, hasTrend: spec.trend !== 'N', damped: spec.trend === 'Ad', hasSeason: spec.season !== 'N' };
}

/** Number of values the optimiser estimates (smoothing weights, damping, initial states). */
function freeParameterCount(layout: Layout): number {
  return 2 + (layout.hasTrend ? 2 : 0) + (layout.damped ? 1 : 0) + (layout.hasSeason ? layout.m : 0);
}

/**
 * Fits one ETS model by maximum likelihood. Returns null when the series is too short for it
 * (R's rule n > parameters + 4) or no finite likelihood was found.
 */
export function fitEts(values: readonly number[], period: number, spec: EtsSpec, effort = 1): EtsFit | null {
  const layout = layoutOf(spec, period);
  const n = values.length;
  const k = freeParameterCount(layout);
  if (n <= k + 4) return null;
  let scale = values.reduce((a, v) => a + Math.abs(v), 0) / n;
  if (!(scale > 0)) scale = 1;
  const y = Float64Array.from(values, (v) => v / scale);
  const init = initialStates(Array.from(y), layout);
  const m = layout.m;
  // Starting values as R's initparam, mapped into the unconstrained space.
  const alpha0 = LOWER + (0.2 * (UPPER - LOWER)) / m;
  const start: number[] = [logit(clampOpen((alpha0 - LOWER) / (UPPER - LOWER)))];
  const steps: number[] = [1];
  if (layout.hasTrend) { start.push(logit(0.1)); steps.push(1); }
  if (layout.hasSeason) { start.push(logit(0.05)); steps.push(1); }
  if (layout.damped) { start.push(logit(0.99)); steps.push(1); }
  start.push(init.l0);
  steps.push(Math.max(0.1 * Math.abs(init.l0), 0.05));
  if (layout.hasTrend) { start.push(init.b0); steps.push(Math.max(0.1 * Math.abs(init.b0), 0.01)); }
  if (layout.hasSeason) for (let j = 1; j < m; j++) { start.push(init.s[j]); steps.push(0.05); }

  const decoded: Decoded = { alpha: 0, beta: 0, gamma: 0, phi: 1, l0: 0, b0: 0, s0: new Float64Array(m) };
  const season = new Float64Array(m);
  const result: RunResult = { sse: 0, sumLogF: 0, level: 0, slope: 0 };
  const objective = (x: readonly number[]) => {
    if (!decode(layout, x, decoded)) return Infinity;
    season.set(decoded.s0);
    if (!run(layout, y, decoded, season, result)) return Infinity;
    return Math.max(minus2LogLik(layout, n, result), -1e10);
  };
  let best = nelderMead(objective, start, { steps, maxIterations: Math.round(2000 * effort), tolerance: 1e-8 });
  // One restart from the optimum: Nelder–Mead often stalls on a degenerate simplex in many dimensions.
  const again = nelderMead(objective, best.x, { steps: steps.map((s) => s / 2), maxIterations: Math.round(1000 * effort), tolerance: 1e-8 });
  if (again.value < best.value) best = again;
  if (!Number.isFinite(best.value)) return null;
  decode(layout, best.x, decoded);
  season.set(decoded.s0);
  run(layout, y, decoded, season, result);
  const parameterCount = k + 1;
  const df = n - k;
  const loglik = -0.5 * minus2LogLik(layout, n, result);
  const aic = -2 * loglik + 2 * parameterCount;
  const aicc = n - parameterCount - 1 > 0 ? aic + (2 * parameterCount * (parameterCount + 1)) / (n - parameterCount - 1) : Infinity;
  const multSeason = spec.season === 'M';
  return {
    spec,
    name: etsName(spec),
    period: m,
    alpha: decoded.alpha,
    beta: decoded.beta,
    gamma: decoded.gamma,
    phi: decoded.phi,
    scale,
    level: result.level * scale,
    slope: result.slope * scale,
    seasonal: Array.from(season, (s) => (layout.hasSeason ? (multSeason ? s : s * scale) : 0)),
    n,
    sigma2: (result.sse / Math.max(df, 1)) * (spec.error === 'A' ? scale * scale : 1),
    loglik,
    aicc,
    parameterCount,
  };
}

/** Point forecasts from the final states (not the mean of simulated paths, as R's forecast.ets). */
export function etsPointForecast(fit: EtsFit, horizon: number): number[] {
  const out: number[] = [];
  let damp = 0;
  let phiPower = 1;
  for (let h = 1; h <= horizon; h++) {
    phiPower *= fit.phi;
    damp += fit.spec.trend === 'Ad' ? phiPower : 1;
    const base = fit.level + (fit.spec.trend === 'N' ? 0 : damp * fit.slope);
    const s = fit.seasonal[(fit.n + h - 1) % fit.period];
    out.push(fit.spec.season === 'N' ? base : fit.spec.season === 'M' ? base * s : base + s);
  }
  return out;
}

/**
 * Forecast with 80/95 % intervals: exact Gaussian variances for the linear models (additive error,
 * trend and season; Hyndman et al. 2008 class 1), 5,000 simulated paths with a fixed seed otherwise.
 */
export function forecastEts(fit: EtsFit, horizon: number): Forecast {
  const mean = etsPointForecast(fit, horizon);
  const linear = fit.spec.error === 'A' && fit.spec.season !== 'M';
  const intervals = linear ? normalIntervals(mean, linearSd(fit, horizon)) : simulatedIntervals(simulatePaths(fit, horizon, 5000, 20250101), horizon, 5000);
  const params: Record<string, number> = { alpha: fit.alpha };
  if (fit.spec.trend !== 'N') params.beta = fit.beta;
  if (fit.spec.season !== 'N') params.gamma = fit.gamma;
  if (fit.spec.trend === 'Ad') params.phi = fit.phi;
  params.sigma = Math.sqrt(fit.sigma2);
  return { family: 'ets', model: fit.name, mean, intervals, params, aicc: fit.aicc, warnings: [] };
}

function linearSd(fit: EtsFit, horizon: number): number[] {
  const out: number[] = [];
  let sum = 0;
  let phiSum = 0;
  let phiPower = 1;
  for (let h = 1; h <= horizon; h++) {
    out.push(Math.sqrt(fit.sigma2 * (1 + sum)));
    // c_j for j = h: α + β·(φ + … + φ^j) + γ·[j is a multiple of m]
    phiPower *= fit.phi;
    phiSum += fit.spec.trend === 'Ad' ? phiPower : 1;
    let c = fit.alpha;
    if (fit.spec.trend !== 'N') c += fit.beta * phiSum;
    if (fit.spec.season !== 'N' && h % fit.period === 0) c += fit.gamma;
    sum += c * c;
  }
  return out;
}

/**
 * Sample paths of the fitted model, horizon-major: value h of path k is at [h · count + k], so
 * that each horizon's draws sit side by side for sorting.
 */
export function simulatePaths(fit: EtsFit, horizon: number, count: number, seed: number): Float64Array {
  const normal = normalSampler(seededRandom(seed));
  const sigma = Math.sqrt(fit.sigma2);
  const m = fit.period;
  const out = new Float64Array(horizon * count);
  const season = new Float64Array(m);
  const multSeason = fit.spec.season === 'M';
  const hasSeason = fit.spec.season !== 'N';
  const hasTrend = fit.spec.trend !== 'N';
  const multError = fit.spec.error === 'M';
  const phi = fit.spec.trend === 'Ad' ? fit.phi : 1;
  const { alpha, gamma } = fit;
  const betaOverAlpha = fit.beta / fit.alpha;
  for (let k = 0; k < count; k++) {
    season.set(fit.seasonal);
    let l = fit.level;
    let b = fit.slope;
    for (let h = 0; h < horizon; h++) {
      const pos = (fit.n + h) % m;
      const s = hasSeason ? season[pos] : 0;
      const phib = hasTrend ? phi * b : 0;
      const q = l + phib;
      const f = !hasSeason ? q : multSeason ? q * s : q + s;
      const e = normal() * sigma;
      const y = multError ? f * (1 + e) : f + e;
      out[h * count + k] = y;
      const deseason = !hasSeason ? y : multSeason ? y / s : y - s;
      const lNew = q + alpha * (deseason - q);
      if (hasTrend) b = phib + betaOverAlpha * (lNew - l - phib);
      if (hasSeason) season[pos] = s + gamma * ((multSeason ? y / q : y - q) - s);
      l = lNew;
    }
  }
  return out;
}

/** How `autoEts` spends its optimiser budget. */
export interface EtsSearchOptions {
  /**
   * Share of the full Nelder–Mead budget (2,000 + 1,000 iterations) each candidate is first fitted
   * with (1: every candidate fitted fully, the default); below 1 the `finalists` with the lowest
   * AICc are then refitted fully and the best of those is kept.
   */
  readonly screenEffort?: number;
  readonly finalists?: number;
  /**
   * 'best' (default, as R's `ets`): the forecast of the model with the lowest AICc. 'akaike': the
   * finalists' forecasts and bounds averaged with Akaike weights exp(−ΔAICc / 2) (Kolassa 2011);
   * `fit` is still the best single model.
   */
  readonly weighting?: 'best' | 'akaike';
}

/**
 * Fits every admitted model and keeps the one with the lowest AICc (R's `ets` default; with
 * `screenEffort` < 1, every model is first fitted with that share of the budget and only the
 * `finalists` are fitted fully and compared). The
 * forecast's warnings say when seasonal or multiplicative models were not tried and why.
 */
export function autoEts(series: Series, horizon: number, specs?: readonly EtsSpec[], options: EtsSearchOptions = {}): Forecast & { fit: EtsFit } {
  assertForecastable(series.values, horizon, 3, 'Exponential smoothing');
  const candidates = specs ?? admittedSpecs(series.values, series.period);
  let best: EtsFit | null = null;
  const screen = options.screenEffort ?? 1;
  const fits = candidates.map((spec) => fitEts(series.values, series.period, spec, screen)).filter((f): f is EtsFit => f !== null);
  fits.sort((a, b) => a.aicc - b.aicc);
  let finalists: EtsFit[] = fits.slice(0, options.finalists ?? 2);
  if (screen >= 1) best = fits[0] ?? null;
  else {
    // The finalists are refitted with the full optimiser budget, from the same start as always.
    finalists = finalists.map((f) => fitEts(series.values, series.period, f.spec) ?? f);
    for (const fit of finalists) if (!best || fit.aicc < best.aicc) best = fit;
  }
  if (!best) best = fitEts(series.values, 1, { error: 'A', trend: 'N', season: 'N' });
  const warnings: string[] = [];
  if (series.period > 1 && series.values.length < 2 * series.period) warnings.push(`Fewer than two seasonal cycles (${series.values.length} < ${2 * series.period} periods): seasonal models not tried.`);
  if (series.values.some((v) => v <= 0)) warnings.push('The series has zero or negative values: only additive models were tried.');
  if (!best) {
    // n = 3 or 4: too short even for ETS(A,N,N) by the n > parameters + 4 rule; a flat level is all the data supports.
    const values = series.values;
    const level = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, v) => a + (v - level) ** 2, 0) / Math.max(values.length - 1, 1));
    const mean = new Array<number>(horizon).fill(level);
    const fit: EtsFit = { spec: { error: 'A', trend: 'N', season: 'N' }, name: 'Mean', period: 1, alpha: 0, beta: 0, gamma: 0, phi: 1, scale: 1, level, slope: 0, seasonal: [0], n: values.length, sigma2: sd * sd, loglik: NaN, aicc: NaN, parameterCount: 1 };
    return { family: 'ets', model: 'Mean', mean, intervals: normalIntervals(mean, mean.map(() => sd * Math.sqrt(1 + 1 / values.length))), params: { sigma: sd }, warnings: [...warnings, 'Too few periods for exponential smoothing: the forecast is the historical mean.'], fit };
  }
  const forecast = options.weighting === 'akaike' ? akaikeWeighted(finalists.filter((f) => Number.isFinite(f.aicc)), best, horizon) : forecastEts(best, horizon);
  return { ...forecast, warnings, fit: best };
}

/** Forecasts of `fits` averaged with Akaike weights; bounds averaged alike, as combineMean does. */
function akaikeWeighted(fits: readonly EtsFit[], best: EtsFit, horizon: number): Forecast {
  if (fits.length < 2 || !fits.includes(best)) return forecastEts(best, horizon);
  const least = Math.min(...fits.map((f) => f.aicc));
  const raw = fits.map((f) => Math.exp(-0.5 * (f.aicc - least)));
  const total = raw.reduce((a, b) => a + b, 0);
  const forecasts = fits.map((f) => forecastEts(f, horizon));
  const top = forecasts[fits.indexOf(best)];
  const mix = (pick: (f: Forecast) => readonly number[]) =>
    Array.from({ length: horizon }, (_, i) => forecasts.reduce((a, f, k) => a + (raw[k] / total) * pick(f)[i], 0));
  const band = (k: 0 | 1) => ({ level: top.intervals[k].level, lower: mix((f) => f.intervals[k].lower), upper: mix((f) => f.intervals[k].upper) });
  const weights = Object.fromEntries(fits.map((f, k) => [`weight ${f.name}`, raw[k] / total]));
  return { ...top, model: `${fits.map((f) => f.name).join(' + ')}, Akaike-weighted`, mean: mix((f) => f.mean), intervals: [band(0), band(1)], params: { ...top.params, ...weights } };
}
