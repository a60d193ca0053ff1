import { forecastAuto, MIN_HISTORY } from '../../../../models/forecast/auto.ts';
import { rollingOriginBacktest } from '../../../../models/forecast/backtest.ts';
import { ForecastError } from '../../../../models/forecast/errors.ts';
import type { StoredForecast } from '../../forecast/types.ts';
import type { MonthlySeries } from './series.ts';

/** Months ahead the product forecasts (the issue asks for 6–18). */
export const MONTHLY_HORIZON = 12;
/** Backtest: up to 6 origins, each forecasting 6 months, never from fewer than 12 months of history. */
const BACKTEST = { horizon: 6, maxOrigins: 6, minHistory: 12 };

function addMonths(month: string, k: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + k;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/** Series that can be forecast, and those that cannot with the reason (shown on the page). */
export interface ComputedForecasts {
  readonly forecasts: StoredForecast[];
  readonly skipped: { seriesKey: string; code: string; message: string }[];
}

/**
 * Forecasts each monthly series MONTHLY_HORIZON months ahead with the automatic combination and
 * backtests the same method on the series' own past. Money goes to the model as numbers of minor
 * units (exact below 2^53) and comes back rounded to whole minor units: forecasts are estimates.
 */
export function computeMonthlyForecasts(series: readonly MonthlySeries[], runDate: string): ComputedForecasts {
  const forecasts: StoredForecast[] = [];
  const skipped: ComputedForecasts['skipped'] = [];
  for (const s of series) {
    // Leading zero months (before the first invoice) carry no information.
    const values = s.values.map(Number);
    try {
      const input = { values, period: 12 };
      const f = forecastAuto(input, MONTHLY_HORIZON);
      const backtest = rollingOriginBacktest(input, forecastAuto, BACKTEST);
      const last = s.months[s.months.length - 1];
      forecasts.push({
        runDate, seriesKey: s.key, measure: s.measure, currency: s.currency, segment: s.segment, plan: s.plan ?? null, frequency: 'month',
        model: f.model,
        // Two members share the theta family (on values and on logs): the log one is keyed theta-log.
        params: Object.fromEntries((f.members ?? [f]).flatMap((m) => Object.entries(m.params).map(([k, v]) => [`${m.family}${m.model.endsWith('on logs') ? '-log' : ''}.${k}`, v]))),
        history: s.months.map((period, i) => ({ period, value: Number(s.values[i]) })),
        points: f.mean.map((mean, i) => ({
          period: addMonths(last, i + 1),
          mean: Math.round(mean),
          lower80: Math.round(f.intervals[0].lower[i]), upper80: Math.round(f.intervals[0].upper[i]),
          lower95: Math.round(f.intervals[1].lower[i]), upper95: Math.round(f.intervals[1].upper[i]),
        })),
        backtest,
        warnings: [...f.warnings, ...(backtest.origins === 0 ? [`Too little history to backtest (needs ${BACKTEST.minHistory + BACKTEST.horizon} months).`] : [])],
      });
    } catch (err) {
      if (!(err instanceof ForecastError)) throw err;
      skipped.push({ seriesKey: s.key, code: err.code, message: err.message });
    }
  }
  return { forecasts, skipped };
}

export { MIN_HISTORY };
