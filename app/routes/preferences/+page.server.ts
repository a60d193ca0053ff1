import { error } from '@sveltejs/kit';
import { loadPreferencesPage } from '$lib/server/preferences/load.ts';
import { parseReportFilterInput, ReportInputError } from '$lib/server/report-input.ts';
import { getServices } from '$lib/server/services.ts';
import { pageErrorMessage } from '$lib/server/revenue/page-error.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
  const { warehouse, config } = getServices();
  try {
    const input = parseReportFilterInput(url.searchParams);
    return { preferences: await loadPreferencesPage(warehouse, input, { now: new Date(), timezone: config.timezone }) };
  } catch (err) {
    if (err instanceof ReportInputError) error(400, { message: pageErrorMessage(err), code: err.code });
    throw err;
  }
};
