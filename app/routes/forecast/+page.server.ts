import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import type { HistoryPoint } from '$lib/forecast/types.ts';
import { ForecastInputError, parseRunDate } from '$lib/server/forecast/request.ts';
import { forecastRunDates, loadForecasts } from '$lib/server/forecast/store.ts';
import { getServices } from '$lib/server/services.ts';
import { pageErrorMessage } from '$lib/server/revenue/page-error.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
  const { workbench } = getServices();
  try {
    const runDate = parseRunDate(url.searchParams);
    const runDates = await forecastRunDates(workbench.db);
    if (runDate && !runDates.includes(runDate)) error(400, { message: m.rv_fc_bad_run_date({ date: runDate }), code: 'BAD_RUN_DATE' });
    const forecasts = await loadForecasts(workbench.db, runDate);
    // An earlier run is drawn against what happened since: the latest run's history of the same series.
    const actuals: Record<string, HistoryPoint[]> = {};
    if (runDate && runDate !== runDates[0]) {
      for (const f of await loadForecasts(workbench.db, runDates[0])) actuals[f.seriesKey] = f.history;
    }
    return { runDates, runDate: runDate ?? runDates[0] ?? null, forecasts, actuals };
  } catch (err) {
    if (err instanceof ForecastInputError) error(400, { message: pageErrorMessage(err), code: err.code });
    throw err;
  }
};
