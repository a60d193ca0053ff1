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

/** Empirical intervals from simulated paths: paths[k][i] is path k at horizon i + 1. */
export function simulatedIntervals(paths: readonly Float64Array[], horizon: number): [PredictionInterval, PredictionInterval] {
  const column = new Float64Array(paths.length);
  const bounds = INTERVAL_LEVELS.map((level) => ({ level, lower: [] as number[], upper: [] as number[] }));
  for (let i = 0; i < horizon; i++) {
    for (let k = 0; k < paths.length; k++) column[k] = paths[k][i];
    column.sort();
    for (const b of bounds) {
      b.lower.push(sortedQuantile(column, (1 - b.level) / 2));
      b.upper.push(sortedQuantile(column, (1 + b.level) / 2));
    }
  }
  return [bounds[0], bounds[1]];
}

/** Linear-interpolated quantile of sorted values (R type 7). */
export function sortedQuantile(sorted: ArrayLike<number>, p: number): number {
  const pos = (sorted.length - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
}
