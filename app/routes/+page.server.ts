import { error } from '@sveltejs/kit';
import { loadOverview } from '$lib/server/overview/load.ts';
import { RevenueFilterError } from '$lib/server/revenue/errors.ts';
import { getServices } from '$lib/server/services.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
  const { warehouse, config } = getServices();
  const raw = url.searchParams.get('currency')?.trim().toUpperCase() || null;
  try {
    return { overview: await loadOverview(warehouse, raw, { now: new Date(), timezone: config.timezone }) };
  } catch (err) {
    if (err instanceof RevenueFilterError) error(400, { message: err.message, code: err.code });
    throw err;
  }
};
