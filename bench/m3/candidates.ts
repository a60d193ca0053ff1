import { autoArima, type ArimaSearchOptions } from '../../models/forecast/arima.ts';
import { hasSignificantSeasonality, seasonalIndices } from '../../models/forecast/decompose.ts';
import { bagged } from '../../models/forecast/bagging.ts';
import { theta } from '../../models/forecast/theta.ts';
import { mapIntervals } from '../../models/forecast/intervals.ts';
import { onLogScale } from '../../models/forecast/log-scale.ts';
import { admittedSpecs, autoEts, fitEts, forecastEts, type EtsSpec } from '../../models/forecast/ets.ts';
import type { Forecast, Series } from '../../models/forecast/types.ts';

type Member = (series: Series, horizon: number) => Forecast;

function plain(f: Forecast & { fit?: unknown }): Forecast {
  const { fit: _fit, ...rest } = f;
  return rest;
}

/** One ETS spec on the series deseasonalised as Theta does (M4's SES/Holt/Damped benchmarks). */
function deseasonalised(spec: EtsSpec): Member {
  return (series, horizon) => {
    const { values, period: m } = series;
    const n = values.length;
    const seasonal = hasSignificantSeasonality(values, m) && values.every((v) => v > 0);
    const indices = seasonal ? seasonalIndices(values, m, 'multiplicative') : [];
    const adjusted = seasonal ? values.map((v, t) => v / indices[t % m]) : values.slice();
    const fit = fitEts(adjusted, 1, spec) ?? fitEts(adjusted, 1, { error: 'A', trend: 'N', season: 'N' })!;
    const f = forecastEts(fit, horizon);
    const factor = (i: number) => (seasonal ? indices[(n + i) % m] : 1);
    return { ...f, mean: f.mean.map((v, i) => v * factor(i)), intervals: mapIntervals(f.intervals, (v, i) => v * factor(i)) };
  };
}

/** Theta on logs, or on the values where one is zero or negative. */
const logThetaOrTheta: Member = (s, h) => onLogScale(theta, s, h) ?? theta(s, h);

const arima = (options: ArimaSearchOptions): Member => (s, h) => plain(autoArima(s, h, options));

/**
 * Members tried beside the shipped ones, fitted only under --validate; CANDIDATES in bench/m3.ts
 * combine them. Validation numbers of each are in models/forecast/auto.ts.
 */
export const CANDIDATE_MEMBERS: Record<string, Member> = {
  arimaLog: (s, h) => onLogScale(autoArima, s, h) ?? plain(autoArima(s, h)),
  etsAll: (s, h) => plain(autoEts(s, h)),
  arimaWide: arima({ maxP: 5, maxQ: 5, maxSeasonalQ: 2 }),
  arimaShort: arima({ conditioning: 'short' }),
  arimaMl: arima({ estimation: 'CSS-ML' }),
  arimaCross: arima({ crossMoves: true }),
  arimaExact: arima({ ranking: 'exact' }),
  // The shipped ETS (Akaike weights over three finalists) with the undamped-trend models admitted too.
  etsAkaikeAll: (s, h) => plain(autoEts(s, h, admittedSpecs(s.values, s.period), { screenEffort: 0.25, finalists: 4, weighting: 'akaike' })),
  theta,
  logTheta: logThetaOrTheta,
  baggedLogTheta: (s, h) => bagged(logThetaOrTheta, s, h, { count: 30 }),
  sesD: deseasonalised({ error: 'A', trend: 'N', season: 'N' }),
  holtD: deseasonalised({ error: 'A', trend: 'A', season: 'N' }),
  dampedD: deseasonalised({ error: 'A', trend: 'Ad', season: 'N' }),
};
