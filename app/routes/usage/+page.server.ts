import { error } from '@sveltejs/kit';
import { ReportInputError } from '$lib/server/report-input.ts';
import { loadUsagePage } from '$lib/server/usage/load.ts';
import { parseUsageFilterInput } from '$lib/server/usage/params.ts';
import { getServices } from '$lib/server/services.ts';
import { pageErrorMessage } from '$lib/server/revenue/page-error.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
  const { warehouse, config } = getServices();
  try {
    const input = parseUsageFilterInput(url.searchParams);
    return { usage: await loadUsagePage(warehouse, input, { now: new Date(), timezone: config.timezone }) };
  } catch (err) {
    if (err instanceof ReportInputError) error(400, { message: pageErrorMessage(err), code: err.code });
    throw err;
  }
};
