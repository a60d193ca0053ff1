/**
 * Nelder–Mead simplex minimiser (Lagarias et al. 1998 coefficients), written here rather than taken
 * from npm: the only packages (`fmin` 0.0.4) are unmaintained, and this is 60 lines. Non-finite
 * objective values count as +Infinity, so callers express constraints by returning Infinity.
 */
export interface NelderMeadOptions {
  /** Initial step per coordinate (the simplex's edge along each axis). */
  readonly steps: readonly number[];
  readonly maxIterations?: number;
  /** Stop when the spread of objective values across the simplex is below this (relative). */
  readonly tolerance?: number;
}

export interface NelderMeadResult {
  readonly x: number[];
  readonly value: number;
  readonly iterations: number;
}

export function nelderMead(f: (x: readonly number[]) => number, start: readonly number[], options: NelderMeadOptions): NelderMeadResult {
  const n = start.length;
  const maxIterations = options.maxIterations ?? 200 * n;
  const tolerance = options.tolerance ?? 1e-8;
  const safe = (x: readonly number[]) => {
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  const points: number[][] = [start.slice()];
  for (let i = 0; i < n; i++) {
    const p = start.slice();
    p[i] += options.steps[i] || 0.1;
    points.push(p);
  }
  const values = points.map(safe);
  const order = points.map((_, i) => i);
  const centroid = new Array<number>(n);
  const trial = (from: number[], towards: number[], coef: number) => {
    const out = new Array<number>(n);
    for (let j = 0; j < n; j++) out[j] = from[j] + coef * (towards[j] - from[j]);
    return out;
  };
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    // Stable insertion sort by value: after most steps only one vertex moved, so this is one pass
    // (and it orders ties exactly as Array.prototype.sort, which is stable, did).
    for (let i = 1; i <= n; i++) {
      const item = order[i];
      const v = values[item];
      let j = i - 1;
      while (j >= 0 && values[order[j]] > v) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = item;
    }
    const best = order[0];
    const worst = order[n];
    const second = order[n - 1];
    const spread = Math.abs(values[worst] - values[best]);
    if (Number.isFinite(values[worst]) && spread <= tolerance * (Math.abs(values[best]) + tolerance)) break;
    centroid.fill(0);
    for (let k = 0; k < n; k++) {
      const p = points[order[k]];
      for (let j = 0; j < n; j++) centroid[j] += p[j] / n;
    }
    const reflected = trial(centroid, points[worst], -1);
    const fr = safe(reflected);
    if (fr < values[best]) {
      const expanded = trial(centroid, points[worst], -2);
      const fe = safe(expanded);
      if (fe < fr) { points[worst] = expanded; values[worst] = fe; } else { points[worst] = reflected; values[worst] = fr; }
      continue;
    }
    if (fr < values[second]) { points[worst] = reflected; values[worst] = fr; continue; }
    const outside = fr < values[worst];
    const contracted = trial(centroid, outside ? reflected : points[worst], 0.5);
    const fc = safe(contracted);
    if (fc < (outside ? fr : values[worst])) { points[worst] = contracted; values[worst] = fc; continue; }
    for (let k = 1; k <= n; k++) {
      const idx = order[k];
      points[idx] = trial(points[best], points[idx], 0.5);
      values[idx] = safe(points[idx]);
    }
  }
  let bestIndex = 0;
  for (let i = 1; i <= n; i++) if (values[i] < values[bestIndex]) bestIndex = i;
  return { x: points[bestIndex], value: values[bestIndex], iterations };
}
