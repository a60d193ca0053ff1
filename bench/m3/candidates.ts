import { autoArima, type ArimaSearchOptions } from '../../models/forecast/arima.ts';
import { hasSignificantSeasonality, seasonalIndices } from '../../models/forecast/decompose.ts';
import { onLogScale } from '../../models/forecast/log-scale.ts';
import { admittedSpecs, autoEts, fitEts, forecastEts, type EtsFit, type EtsSpec } from '../../models/forecast/ets.ts';
import type { Forecast, PredictionInterval, Series } from '../../models/forecast/types.ts';

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
    const re = (b: PredictionInterval): PredictionInterval => ({ level: b.level, lower: b.lower.map((v, i) => v * factor(i)), upper: b.upper.map((v, i) => v * factor(i)) });
    return { ...f, mean: f.mean.map((v, i) => v * factor(i)), intervals: [re(f.intervals[0]), re(f.intervals[1])] };
  };
}

/**
 * ETS as a combination of its best-fitting models weighted by Akaike weights exp(−ΔAICc / 2)
 * (Kolassa 2011), from the same screening as the shipped ETS with `finalists` refitted fully.
 */
function akaikeEts(undampedTrend: boolean, finalists: number): Member {
  return (series, horizon) => {
    const specs = admittedSpecs(series.values, series.period).filter((s) => undampedTrend || s.trend !== 'A');
    const screened = specs.map((spec) => fitEts(series.values, series.period, spec, 0.25)).filter((f): f is EtsFit => f !== null).sort((a, b) => a.aicc - b.aicc);
    const fits = screened.slice(0, finalists).map((f) => fitEts(series.values, series.period, f.spec) ?? f).filter((f) => Number.isFinite(f.aicc));
    if (fits.length === 0) return plain(autoEts(series, horizon));
    const best = Math.min(...fits.map((f) => f.aicc));
    const raw = fits.map((f) => Math.exp(-0.5 * (f.aicc - best)));
    const total = raw.reduce((a, b) => a + b, 0);
    const forecasts = fits.map((f) => forecastEts(f, horizon));
    const mix = (pick: (f: Forecast) => readonly number[]) => Array.from({ length: horizon }, (_, i) => forecasts.reduce((a, f, k) => a + (raw[k] / total) * pick(f)[i], 0));
    const band = (k: 0 | 1): PredictionInterval => ({ level: forecasts[0].intervals[k].level, lower: mix((f) => f.intervals[k].lower), upper: mix((f) => f.intervals[k].upper) });
    return { ...forecasts[0], model: 'ETS, Akaike weights', mean: mix((f) => f.mean), intervals: [band(0), band(1)] };
  };
}

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
  etsAkaike: akaikeEts(false, 3),
  etsAkaikeAll: akaikeEts(true, 4),
  sesD: deseasonalised({ error: 'A', trend: 'N', season: 'N' }),
  holtD: deseasonalised({ error: 'A', trend: 'A', season: 'N' }),
  dampedD: deseasonalised({ error: 'A', trend: 'Ad', season: 'N' }),
};
