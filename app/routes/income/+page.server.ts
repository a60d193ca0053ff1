import { error } from '@sveltejs/kit';
import { FxError } from '$lib/server/fx/errors.ts';
import { incomeStatementFor } from '$lib/server/income/request.ts';
import { RevenueFilterError } from '$lib/server/revenue/errors.ts';
import { queryRevenueFilterOptions } from '$lib/server/revenue/queries.ts';
import { getServices } from '$lib/server/services.ts';
import { pageErrorMessage } from '$lib/server/revenue/page-error.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
  try {
    const { statement, rateCurrencies } = await incomeStatementFor(url.searchParams);
    const options = await queryRevenueFilterOptions(getServices().warehouse);
    return { statement, options, rateCurrencies };
  } catch (err) {
    if (err instanceof RevenueFilterError || err instanceof FxError) error(400, { message: pageErrorMessage(err), code: err.code });
    throw err;
  }
};
