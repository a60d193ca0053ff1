import { error } from '@sveltejs/kit';
import { FxRateBook } from '$lib/server/fx/convert.ts';
import { FxError } from '$lib/server/fx/errors.ts';
import { listRates } from '$lib/server/fx/rates.ts';
import { MrrInputError } from '$lib/server/mrr/errors.ts';
import { loadMrrPage } from '$lib/server/mrr/pages.ts';
import { getServices } from '$lib/server/services.ts';
import { pageErrorMessage } from '$lib/server/revenue/page-error.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
  const { warehouse, workbench } = getServices();
  try {
    return { mrr: await loadMrrPage(warehouse, url.searchParams, new FxRateBook(await listRates(workbench.db))) };
  } catch (err) {
    if (err instanceof MrrInputError || err instanceof FxError) error(400, { message: pageErrorMessage(err), code: err.code });
    throw err;
  }
};
