import type { Warehouse } from '../../../../pipelines/warehouse/connection.ts';
import { businessToday } from '../receivables/dates.ts';
import type { Workbench } from '../workbench/index.ts';
import { computeMonthlyForecasts } from './compute.ts';
import { loadInvoicedSeries } from './series.ts';
import { saveForecasts } from './store.ts';

/** What the forecast run needs of the services (LedgerlensServices fits). */
export interface ForecastRunDeps {
  readonly config: { readonly timezone: string };
  readonly warehouse: Pick<Warehouse, 'query'>;
  readonly workbench: Pick<Workbench, 'db'>;
}

/**
 * Recomputes and stores the revenue forecasts for today's run date (business time zone), from the
 * complete months before the current one. Runs after each successful sync; one JSON log line.
 */
export async function runForecasts(deps: ForecastRunDeps, options: { today?: string; log?: (e: Record<string, unknown>) => void } = {}): Promise<{ stored: number; skipped: number }> {
  const started = performance.now();
  const today = options.today ?? businessToday(deps.config.timezone);
  const cutoffMonth = `${today.slice(0, 7)}-01`;
  const series = await loadInvoicedSeries(deps.warehouse, cutoffMonth);
  const { forecasts, skipped } = computeMonthlyForecasts(series, today);
  await saveForecasts(deps.workbench.db, today, forecasts);
  const log = options.log ?? ((e) => process.stdout.write(JSON.stringify({ at: new Date().toISOString(), ...e }) + '\n'));
  log({ event: 'forecasts.run', runDate: today, stored: forecasts.length, skipped: skipped.map((s) => `${s.seriesKey}: ${s.code}`), ms: Math.round(performance.now() - started) });
  return { stored: forecasts.length, skipped: skipped.length };
}
