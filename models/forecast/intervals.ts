import { INTERVAL_LEVELS, type PredictionInterval } from './types.ts';
import { normalQuantile } from './normal.ts';

/** Gaussian intervals mean ± z·sd at 80 % and 95 %. */
export function normalIntervals(mean: readonly number[], sd: readonly number[]): [PredictionInterval, PredictionInterval] {
  const [a, b] = INTERVAL_LEVELS.map((level) => {
    const z = normalQuantile(0.5 + level / 2);
    return { level, lower: mean.map((m, i) => m - z * sd[i]), upper: mean.map((m, i) => m + z * sd[i]) };
  });
  return [a, b];
}

/** Both intervals with every bound mapped by `f` (bound, horizon index): a shift, a reseasonalisation, a back-transform. */
export function mapIntervals(intervals: readonly [PredictionInterval, PredictionInterval], f: (bound: number, i: number) => number): [PredictionInterval, PredictionInterval] {
  const one = (b: PredictionInterval): PredictionInterval => ({ level: b.level, lower: b.lower.map((v, i) => f(v, i)), upper: b.upper.map((v, i) => f(v, i)) });
  return [one(intervals[0]), one(intervals[1])];
}

/**
 * Empirical intervals from simulated paths laid out horizon-major (value i · count + k is path k at
 * horizon i + 1, as `simulatePaths` writes them); each horizon's draws are reordered in place.
 * The R type-7 quantiles are found by selection, not a full sort: only four pairs of order
 * statistics are needed, and sorting 5,000 draws per horizon was most of an ETS forecast's time.
 */
export function simulatedIntervals(paths: Float64Array, horizon: number, count: number): [PredictionInterval, PredictionInterval] {
  const bounds = INTERVAL_LEVELS.map((level) => ({ level, lower: [] as number[], upper: [] as number[] }));
  for (let i = 0; i < horizon; i++) {
    const column = paths.subarray(i * count, (i + 1) * count);
    for (const b of bounds) {
      b.lower.push(selectedQuantile(column, (1 - b.level) / 2));
      b.upper.push(selectedQuantile(column, (1 + b.level) / 2));
    }
  }
  return [bounds[0], bounds[1]];
}

/** Moves the k-th smallest value (0-based) to position k, smaller ones before it, larger after (Hoare's quickselect). */
function select(a: Float64Array, k: number): number {
  let left = 0;
  let right = a.length - 1;
  while (right > left) {
    const pivot = a[(left + right) >> 1];
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return a[k];
}

/** The R type-7 quantile of unsorted values, as sortedQuantile gives on the sorted ones. */
function selectedQuantile(values: Float64Array, p: number): number {
  const pos = (values.length - 1) * p;
  const lo = Math.floor(pos);
  const low = select(values, lo);
  if (lo + 1 >= values.length || pos === lo) return low;
  // After selection everything past lo is ≥ values[lo]: the next order statistic is their minimum.
  let high = Infinity;
  for (let k = lo + 1; k < values.length; k++) if (values[k] < high) high = values[k];
  return low + (pos - lo) * (high - low);
}

/** Linear-interpolated quantile of sorted values (R type 7). */
export function sortedQuantile(sorted: ArrayLike<number>, p: number): number {
  const pos = (sorted.length - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
}
