import { intlLocale } from '../i18n/locale.ts';
import { m } from '../paraglide/messages.js';
import { currencyDecimals } from '../money.ts';
import type { StoredForecast } from './types.ts';

const MEASURES: Record<StoredForecast['measure'], () => string> = {
  invoiced: m.rv_fc_measure_invoiced,
  mrr: () => 'MRR',
  cash_collection: m.rv_fc_measure_cash,
};

/** "Invoiced · smb · RUB", "MRR · plan SAAS-PRO · EUR", "Cash collection from open receivables · USD". */
export function forecastTitle(f: Pick<StoredForecast, 'measure' | 'segment' | 'plan' | 'currency'>): string {
  const group = f.plan ? m.rv_fc_plan({ plan: f.plan }) : f.segment ? f.segment : f.measure === 'cash_collection' ? null : f.measure === 'mrr' ? m.rv_fc_all_plans() : m.rv_all_segments_lc();
  return [MEASURES[f.measure](), group, f.currency].filter((x) => x !== null).join(' · ');
}

/**
 * A forecast's warning in the page's language. The forecasting run stores its warnings in English
 * (app/lib/server/forecast, models/forecast); the known ones are said here, any other is shown as stored.
 */
const WARNINGS: readonly [RegExp, (g: string[]) => string][] = [
  [/^Too little history for a band: the backtest needs more past origins with 13 weeks observed\.$/, () => m.rv_fcw_no_band()],
  [/^(\d+) minor units of open receivables have no comparable history and are expected at 0\.$/, (g) => m.rv_fcw_unpriced({ amount: g[1]! })],
  [/^Too little history to backtest \(needs (\d+) months\)\.$/, (g) => m.rv_fcw_no_backtest({ months: g[1]! })],
  [/^Seasonal indices too close to zero: forecasting without deseasonalising\.$/, () => m.rv_fcw_theta_near_zero()],
  [/^Seasonal, but with zero or negative values: forecasting without deseasonalising\.$/, () => m.rv_fcw_theta_nonpositive()],
  [/^Fewer than two seasonal cycles \((\d+) < (\d+) periods\): seasonal models not tried\.$/, (g) => m.rv_fcw_two_cycles({ have: g[1]!, need: g[2]! })],
  [/^The series has zero or negative values: only additive models were tried\.$/, () => m.rv_fcw_additive_only()],
  [/^Too few periods for exponential smoothing: the forecast is the historical mean\.$/, () => m.rv_fcw_mean()],
  [/^Fewer than three seasonal cycles: seasonal ARIMA terms not tried\.$/, () => m.rv_fcw_three_cycles()],
];

export function warningText(warning: string): string {
  for (const [pattern, say] of WARNINGS) {
    const match = pattern.exec(warning);
    if (match) return say([...match]);
  }
  return warning;
}

/** An estimate (minor units, a JSON number) in whole display units: "1,234,567 RUB". Estimates are not booked amounts. */
export function formatEstimate(minor: number, currency: string): string {
  const major = minor / 10 ** currencyDecimals(currency);
  return `${Math.round(major).toLocaleString(intlLocale())} ${currency}`;
}

/** A fraction as a percentage, "—" when unknown. */
export function percent(fraction: number | null | undefined, digits = 1): string {
  return fraction === null || fraction === undefined || !Number.isFinite(fraction) ? '—' : `${(100 * fraction).toFixed(digits)} %`;
}
