import { hasSignificantSeasonality, seasonalIndices } from './decompose.ts';
import { mapIntervals } from './intervals.ts';
import { theta } from './theta.ts';
import type { Forecast, Series } from './types.ts';

/** Fewest aggregated values a level needs to be fitted at all; Theta on fewer is a guess. */
const MIN_BLOCKS = 8;

/**
 * The aggregation levels of a temporal hierarchy (Athanasopoulos et al. 2017, "THieF"): the
 * divisors of the seasonal period, so every level is a calendar unit (for months: 1, 2, 3, 4, 6
 * and 12 months). A series without a cycle (period 1) is not aggregated.
 */
export function aggregationLevels(period: number): number[] {
  return Array.from({ length: Math.max(1, period) }, (_, i) => i + 1).filter((k) => period % k === 0);
}

/**
 * Non-overlapping means of `k` consecutive values, aligned to end at the last value (the oldest
 * `n mod k` values are left out, so the newest block is complete).
 */
export function blockMeans(values: readonly number[], k: number): number[] {
  const blocks = Math.floor(values.length / k);
  const start = values.length - blocks * k;
  return Array.from({ length: blocks }, (_, j) => {
    let sum = 0;
    for (let i = 0; i < k; i++) sum += values[start + j * k + i];
    return sum / k;
  });
}

/**
 * Theta on logs, fitted at every aggregation level and averaged (after Kourentzes, Petropoulos &
 * Trapero 2014, "MAPA", with Theta in place of ETS): the log series is deseasonalised once (additive
 * classical indices on logs, i.e. multiplicative ones, when the seasonal-lag autocorrelation of the
 * values is significant at 90 %), Theta is fitted to it and to its 2-, 3-, 4-, 6- and 12-month
 * means, each level's forecast holds for the months of its block, and the levels are averaged.
 * Aggregates average noise out, so their levels and slopes are steadier than one monthly fit's.
 *
 * Intervals: the monthly Theta's on logs, shifted with the averaged forecast (the spread between
 * levels is not a forecast error). Returns null for a series with a zero or negative value.
 */
export function aggregatedLogTheta(series: Series, horizon: number): Forecast | null {
  const raw = series.values;
  if (!raw.every((v) => v > 0)) return null;
  const logs = raw.map(Math.log);
  const n = logs.length;
  const m = series.period;
  const seasonal = m > 1 && hasSignificantSeasonality(raw, m);
  const indices = seasonal ? seasonalIndices(logs, m, 'additive') : [];
  const adjusted = seasonal ? logs.map((v, t) => v - indices[t % m]) : logs;
  const monthly = theta({ values: adjusted, period: 1 }, horizon);
  const sums = monthly.mean.slice();
  let levels = 1;
  for (const k of aggregationLevels(m).slice(1)) {
    const means = blockMeans(adjusted, k);
    if (means.length < MIN_BLOCKS) continue;
    const f = theta({ values: means, period: 1 }, Math.ceil(horizon / k)).mean;
    for (let h = 0; h < horizon; h++) sums[h] += f[Math.floor(h / k)];
    levels += 1;
  }
  const mean = sums.map((s) => s / levels);
  const back = (v: number, h: number) => Math.exp(seasonal ? v + indices[(n + h) % m] : v);
  return {
    ...monthly,
    model: `Theta over ${levels} temporal aggregation level${levels === 1 ? '' : 's'}${seasonal ? ' (seasonally adjusted)' : ''} on logs`,
    mean: mean.map(back),
    intervals: mapIntervals(monthly.intervals, (v, h) => back(v + mean[h] - monthly.mean[h], h)),
    params: { ...monthly.params, levels },
  };
}
