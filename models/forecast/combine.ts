import type { Forecast, PredictionInterval } from './types.ts';

/**
 * Equal-weight mean of several forecasts (Clemen 1989; the ETS–ARIMA–Theta mean is the standard
 * M3/M4 benchmark, Hyndman 2018). Interval bounds are averaged horizon by horizon, which keeps the
 * interval around the combined mean and about as wide as the members' typical interval.
 */
export function combineMean(members: readonly Forecast[], name = 'Combination'): Forecast {
  if (members.length === 0) throw new Error('combineMean needs at least one forecast');
  if (members.length === 1) return members[0];
  const horizon = members[0].mean.length;
  const avg = (pick: (f: Forecast) => readonly number[]) =>
    Array.from({ length: horizon }, (_, i) => members.reduce((s, f) => s + pick(f)[i], 0) / members.length);
  const interval = (k: 0 | 1): PredictionInterval => ({
    level: members[0].intervals[k].level,
    lower: avg((f) => f.intervals[k].lower),
    upper: avg((f) => f.intervals[k].upper),
  });
  return {
    family: 'combination',
    model: `${name}: mean of ${members.map((f) => f.model).join(', ')}`,
    mean: avg((f) => f.mean),
    intervals: [interval(0), interval(1)],
    params: {},
    warnings: [...new Set(members.flatMap((f) => f.warnings))],
    members,
  };
}

/**
 * Horizon-by-horizon median of several forecasts (the mean of the middle two for an even count),
 * bounds likewise: one member that extrapolates wildly moves it little (Jose & Winkler 2008 on
 * robust combinations).
 */
export function combineMedian(members: readonly Forecast[], name = 'Combination'): Forecast {
  if (members.length === 0) throw new Error('combineMedian needs at least one forecast');
  if (members.length === 1) return members[0];
  const horizon = members[0].mean.length;
  const median = (pick: (f: Forecast) => readonly number[]) =>
    Array.from({ length: horizon }, (_, i) => {
      const v = members.map((f) => pick(f)[i]).sort((a, b) => a - b);
      const k = v.length;
      return k % 2 === 1 ? v[(k - 1) / 2] : (v[k / 2 - 1] + v[k / 2]) / 2;
    });
  const interval = (k: 0 | 1): PredictionInterval => ({
    level: members[0].intervals[k].level,
    lower: median((f) => f.intervals[k].lower),
    upper: median((f) => f.intervals[k].upper),
  });
  return {
    family: 'combination',
    model: `${name}: median of ${members.map((f) => f.model).join(', ')}`,
    mean: median((f) => f.mean),
    intervals: [interval(0), interval(1)],
    params: {},
    warnings: [...new Set(members.flatMap((f) => f.warnings))],
    members,
  };
}
