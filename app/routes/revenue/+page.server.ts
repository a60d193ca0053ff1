import { error } from '@sveltejs/kit';
import { RevenueFilterError } from '$lib/server/revenue/errors.ts';
import { parseRevenueFilterInput } from '$lib/server/revenue/filters.ts';
import { loadRevenueDashboard } from '$lib/server/revenue/load.ts';
import { getServices } from '$lib/server/services.ts';
import { pageErrorMessage } from '$lib/server/revenue/page-error.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
  const { warehouse, config } = getServices();
  try {
    const input = parseRevenueFilterInput(url.searchParams);
    return { dashboard: await loadRevenueDashboard(warehouse, input, { now: new Date(), timezone: config.timezone }) };
  } catch (err) {
    if (err instanceof RevenueFilterError) error(400, { message: pageErrorMessage(err), code: err.code });
    throw err;
  }
};
