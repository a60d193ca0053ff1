import { autoArima } from './arima.ts';
import { bagged } from './bagging.ts';
import { combineMedian } from './combine.ts';
import { admittedSpecs, autoEts } from './ets.ts';
import { ForecastError, assertForecastable } from './errors.ts';
import { seasonalNaive } from './seasonal-naive.ts';
import { aggregatedLogTheta } from './temporal-aggregation.ts';
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
 *
 * The ten candidates are screened with a quarter of the optimiser budget and only the two with the
 * lowest AICc are fitted fully (autoEts's `screenEffort`/`finalists`): about 2.6 times faster, and
 * the same model and forecast as fitting all ten fully on every one of 143 validation series checked.
 *
 * The three finalists' forecasts are averaged with Akaike weights (Kolassa 2011) rather than the
 * best one taken: on the M3 validation split ETS alone 14.84 / 0.934 → 14.52 / 0.921 (sMAPE / MASE),
 * the shipped median 13.85 / 0.857 → 13.78 / 0.855; with the undamped-trend models admitted it was
 * worse (ETS 15.22 / 0.957, median 13.86 / 0.860).
 */
export function dampedEts(series: Series, horizon: number) {
  return autoEts(series, horizon, admittedSpecs(series.values, series.period).filter((s) => s.trend !== 'A'), { screenEffort: 0.25, finalists: 3, weighting: 'akaike' });
}

/**
 * Theta bagged over 30 series (the original and 29 bootstrapped versions, bagging.ts). Alone it is
 * no better than Theta on the M3 validation split (14.39 / 0.892 against 14.23 / 0.874), but in
 * place of Theta in the median it made the combination better by both measures in four of the six
 * M3 categories and by one of them in the other two (forecastMembers). Averaging over the
 * bootstrapped series' seasonality tests and smoothing weights shrinks seasonal swings and trends
 * that one fit would bet on, and it differs more from Theta on logs. In a first version 10, 30 and
 * 100 series gave the same combination (13.66 / 0.849, 13.64 / 0.849, 13.64 / 0.849); 30 costs
 * about 10 ms a series.
 */
export function baggedTheta(series: Series, horizon: number): Forecast {
  return bagged(theta, series, horizon, { count: 30 });
}

/**
 * The members the combination takes the median of: ETS (damped or no trend) chosen by AICc,
 * automatic ARIMA, bagged Theta, and Theta on logs over temporal aggregates (positive series only,
 * temporal-aggregation.ts). A member that cannot be fitted (series too short for it) is left out
 * with a warning.
 *
 * Chosen on the M3 train parts (`npm run bench -- m3 --validate`, last 18 values held out) by the
 * mean of sMAPE and MASE relative to the previous mean of ETS, ARIMA and Theta (14.16 / 0.873):
 * median of these four 13.81 / 0.858 (chosen), their mean 14.01 / 0.863, median with ARIMA on logs
 * instead 13.82 / 0.861, median of the three 14.06 / 0.879. Theta on logs alone 14.11 / 0.883.
 * Did not help: a wider ARIMA search (p, q ≤ 5, Q ≤ 2) 14.28 / 0.875 and a shorter conditioning
 * window 14.24 / 0.877 in the mean of three; SES or Holt-damped on deseasonalised data as a fifth
 * member (13.89 / 0.868, 14.03 / 0.885). Later, against 13.82 / 0.858 for this median: ARIMA
 * refitted by exact likelihood (CSS-ML, as R) in it 13.81 / 0.859 (ARIMA alone 15.65 / 0.979 →
 * 15.41 / 0.985); ARIMA with R's exchange moves in it 13.82 / 0.859 (alone 15.64 / 0.977); ARIMA on
 * logs as a fifth member 13.91 / 0.875.
 *
 * Bagged Theta in place of Theta (the shipped median then 13.78 / 0.855): 13.64 / 0.848. Also tried
 * against 13.78 / 0.855 (with a first version of the bagging): Theta on logs bagged instead
 * (13.65 / 0.847) or both bagged (13.71 / 0.853), bagged Theta as a fifth member (13.77 / 0.856); the
 * dynamic optimised Theta model (Fiorucci et al. 2016) in place of Theta 13.76 / 0.854 (alone
 * 14.05 / 0.870), bagged 13.62 / 0.849 at five times the cost (neither kept). By M3 category
 * (median of the four with Theta → with bagged Theta, sMAPE / MASE): micro 21.22 / 0.713 →
 * 21.10 / 0.707, industry 12.09 / 0.887 → 11.69 / 0.862, macro 6.46 / 0.894 → 6.45 / 0.891,
 * finance 13.04 / 1.096 → 12.95 / 1.092, demographic 9.51 / 0.894 → 9.40 / 0.917, other
 * 12.04 / 0.977 → 12.12 / 0.966.
 *
 * Checked again on three validation origins six months apart (`--validate --origins 3`, 4,284
 * cuts), since the differences above are no larger than what one stretch of months can swing:
 * the median as it then was (Theta on logs not aggregated) 14.21 / 0.894, the mean of those four
 * 14.37 / 0.896, that median with Theta not bagged 14.31 / 0.900. Not kept, against that: ARIMA
 * on logs in place of ARIMA 14.21 / 0.894 (a tie); Theta on logs bagged in place of bagged Theta
 * 14.22 / 0.894, bagged as well 14.25 / 0.897, as a fifth member 14.32 / 0.908; ARIMA replaced
 * by Theta 14.55 / 0.915 or by damped Holt on the deseasonalised series 14.43 / 0.906, so ARIMA
 * earns its place by differing; complex exponential smoothing (Svetunkov, Kourentzes & Ord 2022;
 * non-seasonal, on the series deseasonalised as Theta does; alone 15.87 / 1.025) as a fifth member
 * 14.35 / 0.909, in place of ARIMA 14.48 / 0.917; ARIMA averaged over its three (or five)
 * lowest-AICc orders with Akaike weights, as the ETS member is, made ARIMA alone better
 * (15.95 / 0.981 → 15.67 / 0.973) but not the median (14.23 / 0.894).
 *
 * Theta on logs over temporal aggregates (1, 2, 3, 4, 6 and 12 months) in place of Theta on logs,
 * on the same three origins: the median 14.21 / 0.894 → 14.20 / 0.892, better by both measures at
 * the last and the earliest origin and a little worse at the middle one (13.64 / 0.848 → 13.62 /
 * 0.845, 14.56 / 0.939 → 14.57 / 0.940, 14.43 / 0.895 → 14.41 / 0.893); alone 14.73 / 0.936 →
 * 14.66 / 0.935. Deseasonalising the logs the same way without aggregating changed nothing
 * (14.21 / 0.894), so the gain is the aggregation's. All levels 1–12 as MAPA does: 14.19 / 0.892,
 * the same within noise, worse alone (14.78 / 0.950), so the calendar levels were kept. In place of
 * bagged Theta instead: 14.19 / 0.896; as a fifth member 14.29 / 0.906.
 */
export function forecastMembers(series: Series, horizon: number): { members: Forecast[]; warnings: string[] } {
  const members: Forecast[] = [];
  const warnings: string[] = [];
  for (const [name, method] of [['ETS', dampedEts], ['ARIMA', autoArima], ['Theta', baggedTheta], ['Theta on logs', aggregatedLogTheta]] as const) {
    try {
      const f = method(series, horizon);
      if (f) members.push(plain(f));
    } catch (err) {
      if (!(err instanceof ForecastError) || err.code !== 'SERIES_TOO_SHORT') throw err;
      warnings.push(`${name} left out: ${err.message}`);
    }
  }
  return { members, warnings };
}

/**
 * Forecasts `horizon` periods with the median of ETS, ARIMA, bagged Theta and Theta on logs over
 * temporal aggregates (see forecastMembers; it beat every single method and the plain mean on M3
 * monthly, bench/m3.ts). Throws ForecastError SERIES_TOO_SHORT under MIN_HISTORY periods; falls
 * back to seasonal naive if no member fits.
 */
export function forecastAuto(series: Series, horizon: number): Forecast {
  assertForecastable(series.values, horizon, MIN_HISTORY, 'An automatic forecast');
  const { members, warnings } = forecastMembers(series, horizon);
  const combined = members.length > 0 ? combineMedian(members, 'ETS–ARIMA–Theta') : seasonalNaive(series, horizon);
  return { ...combined, warnings: [...warnings, ...combined.warnings] };
}
