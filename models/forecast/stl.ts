/**
 * STL: seasonal-trend decomposition by loess (Cleveland, Cleveland, McRae & Terpenning 1990),
 * non-robust (inner passes only), following the reference Fortran that R's `stl` runs, so that
 * statistics built on it (the seasonal strength R's `auto.arima` differences on) agree with R.
 */

export interface StlOptions {
  /** Loess window of the cycle-subseries smoothing (odd); R's `mstl` uses 11 for one seasonality. */
  readonly seasonalWindow: number;
  /** Trend loess window; R's default nextodd(ceil(1.5·period / (1 − 1.5 / seasonalWindow))). */
  readonly trendWindow?: number;
  /** Inner passes (R: 2 when not robust). */
  readonly inner?: number;
}

export interface StlDecomposition {
  readonly seasonal: number[];
  readonly trend: number[];
  readonly remainder: number[];
}

const nextOdd = (x: number) => {
  const r = Math.round(x);
  return r % 2 === 0 ? r + 1 : r;
};

/**
 * Loess estimate at position xs (1-based) from y[nleft..nright] (1-based, inclusive), tricube
 * weights, local degree 0 or 1. Null where every weight is zero.
 */
function loessAt(y: ArrayLike<number>, n: number, len: number, degree: number, xs: number, nleft: number, nright: number, w: Float64Array): number | null {
  const range = n - 1;
  let h = Math.max(xs - nleft, nright - xs);
  if (len > n) h += Math.trunc((len - n) / 2);
  const h9 = 0.999 * h;
  const h1 = 0.001 * h;
  let a = 0;
  for (let j = nleft; j <= nright; j++) {
    w[j] = 0;
    const r = Math.abs(j - xs);
    if (r <= h9) {
      w[j] = r <= h1 ? 1 : (1 - (r / h) ** 3) ** 3;
      a += w[j];
    }
  }
  if (a <= 0) return null;
  for (let j = nleft; j <= nright; j++) w[j] /= a;
  if (h > 0 && degree > 0) {
    let centre = 0;
    for (let j = nleft; j <= nright; j++) centre += w[j] * j;
    let b = xs - centre;
    let c = 0;
    for (let j = nleft; j <= nright; j++) c += w[j] * (j - centre) ** 2;
    if (Math.sqrt(c) > 0.001 * range) {
      b /= c;
      for (let j = nleft; j <= nright; j++) w[j] *= b * (j - centre) + 1;
    }
  }
  let ys = 0;
  for (let j = nleft; j <= nright; j++) ys += w[j] * y[j - 1];
  return ys;
}

/** Loess smooth of y (length n) evaluated every `jump` points and linearly interpolated between. */
function loessSmooth(y: ArrayLike<number>, n: number, len: number, degree: number, jump: number): Float64Array {
  const ys = new Float64Array(n + 1); // 1-based
  const w = new Float64Array(n + 1);
  if (n < 2) {
    ys[1] = y[0];
    return ys.subarray(1);
  }
  const step = Math.min(jump, n - 1);
  let nleft = 1;
  let nright = n;
  const at = (i: number) => {
    const v = loessAt(y, n, len, degree, i, nleft, nright, w);
    ys[i] = v ?? y[i - 1];
  };
  if (len >= n) {
    for (let i = 1; i <= n; i += step) at(i);
  } else if (step === 1) {
    const half = Math.trunc((len + 1) / 2);
    nright = len;
    for (let i = 1; i <= n; i++) {
      if (i > half && nright !== n) {
        nleft++;
        nright++;
      }
      at(i);
    }
  } else {
    const half = Math.trunc((len + 1) / 2);
    for (let i = 1; i <= n; i += step) {
      if (i < half) {
        nleft = 1;
        nright = len;
      } else if (i >= n - half + 1) {
        nleft = n - len + 1;
        nright = n;
      } else {
        nleft = i - half + 1;
        nright = len + i - half;
      }
      at(i);
    }
  }
  if (step !== 1) {
    for (let i = 1; i <= n - step; i += step) {
      const delta = (ys[i + step] - ys[i]) / step;
      for (let j = i + 1; j <= i + step - 1; j++) ys[j] = ys[i] + delta * (j - i);
    }
    const k = Math.trunc((n - 1) / step) * step + 1;
    if (k !== n) {
      at(n);
      if (k !== n - 1) {
        const delta = (ys[n] - ys[k]) / (n - k);
        for (let j = k + 1; j <= n - 1; j++) ys[j] = ys[k] + delta * (j - k);
      }
    }
  }
  return ys.subarray(1);
}

function movingAverage(x: ArrayLike<number>, n: number, len: number): Float64Array {
  const out = new Float64Array(n - len + 1);
  let v = 0;
  for (let i = 0; i < len; i++) v += x[i];
  out[0] = v / len;
  for (let i = 1; i < out.length; i++) {
    v += x[i + len - 1] - x[i - 1];
    out[i] = v / len;
  }
  return out;
}

/** Cycle-subseries smoothing, each subseries extended one period at both ends: length n + 2·period. */
function cycleSubseries(y: ArrayLike<number>, n: number, period: number, window: number, degree: number, jump: number): Float64Array {
  const out = new Float64Array(n + 2 * period);
  const w = new Float64Array(n + 3);
  for (let j = 1; j <= period; j++) {
    const k = Math.trunc((n - j) / period) + 1;
    const sub = new Float64Array(k);
    for (let i = 1; i <= k; i++) sub[i - 1] = y[(i - 1) * period + j - 1];
    const smooth = loessSmooth(sub, k, window, degree, jump);
    const first = loessAt(sub, k, window, degree, 0, 1, Math.min(window, k), w) ?? smooth[0];
    const last = loessAt(sub, k, window, degree, k + 1, Math.max(1, k - window + 1), k, w) ?? smooth[k - 1];
    const extended = [first, ...smooth, last];
    extended.forEach((v, m) => (out[m * period + j - 1] = v));
  }
  return out;
}

/** Decomposes `values` (more than two full periods) into seasonal, trend and remainder. */
export function stl(values: readonly number[], period: number, options: StlOptions): StlDecomposition {
  const n = values.length;
  if (period < 2 || n <= 2 * period) throw new Error('STL needs a period of 2 or more and over two full periods');
  const ns = Math.max(3, nextOdd(options.seasonalWindow));
  const nt = nextOdd(options.trendWindow ?? Math.ceil((1.5 * period) / (1 - 1.5 / ns)));
  const nl = nextOdd(period);
  const [sJump, tJump, lJump] = [ns, nt, nl].map((w) => Math.ceil(w / 10));
  const trend = new Float64Array(n);
  const seasonal = new Float64Array(n);
  for (let pass = 0; pass < (options.inner ?? 2); pass++) {
    const detrended = values.map((v, i) => v - trend[i]);
    const cycle = cycleSubseries(detrended, n, period, ns, 0, sJump);
    const lowPass = movingAverage(movingAverage(movingAverage(cycle, n + 2 * period, period), n + period + 1, period), n + 2, 3);
    const low = loessSmooth(lowPass, n, nl, 1, lJump);
    for (let i = 0; i < n; i++) seasonal[i] = cycle[period + i] - low[i];
    trend.set(loessSmooth(values.map((v, i) => v - seasonal[i]), n, nt, 1, tJump));
  }
  return {
    seasonal: Array.from(seasonal),
    trend: Array.from(trend),
    remainder: values.map((v, i) => v - seasonal[i] - trend[i]),
  };
}
