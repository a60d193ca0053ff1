import type { Warehouse } from '../../../../pipelines/warehouse/connection.ts';
import { sqlQuery } from '../../../../pipelines/warehouse/sql-files.ts';
import { addDays } from '../escalation/dates.ts';
import type { StoredForecast } from '../../forecast/types.ts';
import { backtestCash, byRef, CASH_WEEKS, cashSchedule, forecastAt, LEVEL_NAMES, liveBand, VARIANT_NAMES, type CashBacktest, type CashClassRow, type CashSchedule } from './cash.ts';
import { seriesKey } from './series.ts';

/** The class rows of every reference day a run needs (one query; money stays bigint). */
export async function loadCashClasses(warehouse: Pick<Warehouse, 'query'>, schedule: CashSchedule): Promise<CashClassRow[]> {
  return warehouse.query<CashClassRow>(sqlQuery('cash_collection_classes'), [schedule.refDays.join(','), schedule.refDays[0]]);
}

export interface CashForecastResult {
  readonly forecast: StoredForecast;
  /** The variant used, and the other one it was compared with. */
  readonly backtest: CashBacktest;
  readonly alternative: CashBacktest;
}

/**
 * One weekly cash-collection forecast per currency from the receivables open at the start of
 * `runDate` (business time zone), with its backtest. Currencies without open receivables are left out.
 */
export function computeCashForecasts(rows: readonly CashClassRow[], schedule: CashSchedule): CashForecastResult[] {
  const currencies = [...new Set(rows.map((r) => r.currency))].sort();
  const out: CashForecastResult[] = [];
  for (const currency of currencies) {
    const mine = rows.filter((r) => r.currency === currency);
    const refs = byRef(mine);
    if ((refs.get(schedule.origin) ?? []).length === 0) continue;
    // Both variants are backtested on the same origins; the one with the lower WAPE forecasts.
    const [classes, age] = [backtestCash(mine, schedule, 'classes'), backtestCash(mine, schedule, 'age')];
    const useAge = age.wape !== null && (classes.wape === null || age.wape < classes.wape);
    const [backtest, alternative] = useAge ? [age, classes] : [classes, age];
    const live = forecastAt(refs, schedule.origin, backtest.variant);
    const band = liveBand(backtest);
    const open = live.book.reduce((s, r) => s + Number(r.open_minor), 0);
    const warnings: string[] = [];
    if (!band) warnings.push('Too little history for a band: the backtest needs more past origins with 13 weeks observed.');
    if (live.unpriced > 0) warnings.push(`${Math.round(live.unpriced)} minor units of open receivables have no comparable history and are expected at 0.`);
    const levelShares = Object.fromEntries(live.openByLevel.map((v, i) => [`open_share.${LEVEL_NAMES[i]}`, open > 0 ? v / open : 0]));
    const forecast: StoredForecast = {
      runDate: schedule.origin, seriesKey: seriesKey('cash_collection', currency, null), measure: 'cash_collection', currency, segment: null, frequency: 'week',
      model: VARIANT_NAMES[backtest.variant],
      params: { open_minor: open, expected_13w_minor: Math.round(live.weekly.reduce((s, v) => s + v, 0)), training_observations: live.training.reduce((s, r) => s + r.invoices, 0), ...levelShares },
      history: [],
      // No week can bring in more than is open: the multiplicative band is capped there.
      points: live.weekly.map((mean, w) => {
        const at = (ratio: number | undefined) => Math.round(Math.min(mean * (ratio ?? 1), open));
        return {
          period: addDays(schedule.origin, 7 * w), mean: Math.round(mean),
          lower80: at(band?.lower80), upper80: at(band?.upper80), lower95: at(band?.lower95), upper95: at(band?.upper95),
        };
      }),
      backtest: {
        origins: backtest.origins.length, horizon: CASH_WEEKS, smape: backtest.smape, mase: null,
        coverage80: backtest.coverage80, coverage95: backtest.coverage95,
        wape: backtest.wape, alternativeWape: alternative.wape, alternativeModel: VARIANT_NAMES[alternative.variant], bias: backtest.bias,
        byWeek: backtest.byWeek.map((b) => ({ ...b, forecast: Math.round(b.forecast), actual: Math.round(b.actual) })),
      },
      warnings,
    };
    out.push({ forecast, backtest, alternative });
  }
  return out;
}

export { cashSchedule };
