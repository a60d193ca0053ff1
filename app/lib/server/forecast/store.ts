import type { Kysely } from 'kysely';
import type { StoredForecast } from '../../forecast/types.ts';
import type { WorkbenchDatabase } from '../workbench/schema.ts';

/** Replaces the forecasts of `runDate` (a re-run on the same day supersedes the earlier one). */
export async function saveForecasts(db: Kysely<WorkbenchDatabase>, runDate: string, forecasts: readonly StoredForecast[]): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('forecasts').where('run_date', '=', runDate).execute();
    if (forecasts.length === 0) return;
    await tx.insertInto('forecasts').values(forecasts.map((f) => ({
      run_date: runDate, series_key: f.seriesKey, measure: f.measure, currency: f.currency, segment: f.segment, plan: f.plan ?? null, frequency: f.frequency,
      model: f.model, params: JSON.stringify(f.params), history: JSON.stringify(f.history), points: JSON.stringify(f.points),
      backtest: JSON.stringify(f.backtest), warnings: JSON.stringify(f.warnings),
    }))).execute();
  });
}

/** Run dates that have forecasts, newest first. */
export async function forecastRunDates(db: Kysely<WorkbenchDatabase>): Promise<string[]> {
  const rows = await db.selectFrom('forecasts').select('run_date').distinct().orderBy('run_date', 'desc').execute();
  return rows.map((r) => r.run_date);
}

/** The forecasts of one run date (default the latest), ordered by series key. */
export async function loadForecasts(db: Kysely<WorkbenchDatabase>, runDate?: string): Promise<StoredForecast[]> {
  const date = runDate ?? (await forecastRunDates(db))[0];
  if (!date) return [];
  const rows = await db.selectFrom('forecasts').selectAll().where('run_date', '=', date).orderBy('series_key').execute();
  return rows.map((r) => ({
    runDate: r.run_date, seriesKey: r.series_key, measure: r.measure, currency: r.currency, segment: r.segment, plan: r.plan, frequency: r.frequency,
    model: r.model, params: r.params as Record<string, number>, history: r.history as unknown as StoredForecast['history'],
    points: r.points as unknown as StoredForecast['points'], backtest: r.backtest as unknown as StoredForecast['backtest'],
    warnings: r.warnings as string[],
  }));
}
