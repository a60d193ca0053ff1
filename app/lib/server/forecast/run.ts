import type { Warehouse } from '../../../../pipelines/warehouse/connection.ts';
import { businessToday } from '../receivables/dates.ts';
import type { Workbench } from '../workbench/index.ts';
import { computeMonthlyForecasts } from './compute.ts';
import { cashSchedule, computeCashForecasts, loadCashClasses } from './cash-series.ts';
import { loadInvoicedSeries, loadMrrSeries } from './series.ts';
import { saveForecasts } from './store.ts';

/** What the forecast run needs of the services (LedgerlensServices fits). */
export interface ForecastRunDeps {
  readonly config: { readonly timezone: string };
  readonly warehouse: Pick<Warehouse, 'query'>;
  readonly workbench: Pick<Workbench, 'db'>;
}

/**
 * Recomputes and stores the forecasts for today's run date (business time zone): invoiced revenue and
 * MRR from the complete months before the current one, and the 13-week cash collection of the
 * receivables open at the start of today. Runs after each successful sync; one JSON log line.
 */
export async function runForecasts(deps: ForecastRunDeps, options: { today?: string; log?: (e: Record<string, unknown>) => void } = {}): Promise<{ stored: number; skipped: number }> {
  const started = performance.now();
  const today = options.today ?? businessToday(deps.config.timezone);
  const cutoffMonth = `${today.slice(0, 7)}-01`;
  const series = [...(await loadInvoicedSeries(deps.warehouse, cutoffMonth)), ...(await loadMrrSeries(deps.warehouse, cutoffMonth))];
  const monthly = computeMonthlyForecasts(series, today);
  const schedule = cashSchedule(today);
  const cash = computeCashForecasts(await loadCashClasses(deps.warehouse, schedule), schedule).map((c) => c.forecast);
  const forecasts = [...monthly.forecasts, ...cash];
  const skipped = monthly.skipped;
  await saveForecasts(deps.workbench.db, today, forecasts);
  const log = options.log ?? ((e) => process.stdout.write(JSON.stringify({ at: new Date().toISOString(), ...e }) + '\n'));
  log({ event: 'forecasts.run', runDate: today, stored: forecasts.length, skipped: skipped.map((s) => `${s.seriesKey}: ${s.code}`), ms: Math.round(performance.now() - started) });
  return { stored: forecasts.length, skipped: skipped.length };
}
