import { autoArima } from './arima.ts';
import { combineMean } from './combine.ts';
import { admittedSpecs, autoEts } from './ets.ts';
import { ForecastError, assertForecastable } from './errors.ts';
import { seasonalNaive } from './seasonal-naive.ts';
import { theta } from './theta.ts';
import type { Forecast, Series } from './types.ts';

/** Fewest periods the automatic forecaster accepts; below that a forecast is a guess. */
export const MIN_HISTORY = 4;

/** Strips a member's fitted internals so the forecast stays small and serialisable. */
function plain(f: Forecast & { fit?: unknown }): Forecast {
  const { fit: _fit, ...rest } = f;
  return rest;
}

/**
 * ETS chosen by AICc among the admitted models without an undamped trend: a trend extrapolated
 * undamped for 6–18 months is the classic way automatic forecasts go wrong (Gardner & McKenzie
 * 1985). Chosen on the M3 train parts (`npm run bench -- m3 --validate`): sMAPE 15.68 → 14.85 for ETS
 * alone, 14.32 → 14.16 for the combination.
 */
export function dampedEts(series: Series, horizon: number) {
  return autoEts(series, horizon, admittedSpecs(series.values, series.period).filter((s) => s.trend !== 'A'));
}

/**
 * The automatic methods the combination averages: ETS (damped or no trend) chosen by AICc, automatic ARIMA and Theta.
 * A member that cannot be fitted (series too short for it) is left out with a warning.
 */
export function forecastMembers(series: Series, horizon: number): { members: Forecast[]; warnings: string[] } {
  const members: Forecast[] = [];
  const warnings: string[] = [];
  for (const [name, method] of [['ETS', dampedEts], ['ARIMA', autoArima], ['Theta', theta]] as const) {
    try {
      members.push(plain(method(series, horizon)));
    } catch (err) {
      if (!(err instanceof ForecastError) || err.code !== 'SERIES_TOO_SHORT') throw err;
      warnings.push(`${name} left out: ${err.message}`);
    }
  }
  return { members, warnings };
}

/**
 * Forecasts `horizon` periods with the mean of ETS, ARIMA and Theta (the combination that beat
 * every single method on M3 monthly; see bench/m3.ts). Throws ForecastError SERIES_TOO_SHORT under
 * MIN_HISTORY periods; falls back to seasonal naive if no member fits.
 */
export function forecastAuto(series: Series, horizon: number): Forecast {
  assertForecastable(series.values, horizon, MIN_HISTORY, 'An automatic forecast');
  const { members, warnings } = forecastMembers(series, horizon);
  const combined = members.length > 0 ? combineMean(members, 'ETS–ARIMA–Theta') : seasonalNaive(series, horizon);
  return { ...combined, warnings: [...warnings, ...combined.warnings] };
}
