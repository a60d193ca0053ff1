import { error } from '@sveltejs/kit';
import { businessToday } from '$lib/server/receivables/dates.ts';
import { MAX_PAGE } from '$lib/server/receivables/drill.ts';
import { ReceivablesInputError } from '$lib/server/receivables/errors.ts';
import { receivablesInputMessage } from '$lib/server/receivables/page-errors.ts';
import { loadInvoicesPage, parseInvoicesInput } from '$lib/server/receivables/load.ts';
import { bucketLabels, parseCeiVariant } from '$lib/server/receivables/params.ts';
import { getServices } from '$lib/server/services.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
  const { warehouse, config } = getServices();
  try {
    const input = parseInvoicesInput(url.searchParams, businessToday(config.timezone), { defaultLimit: 50, maxLimit: MAX_PAGE });
    const page = await loadInvoicesPage(warehouse, input);
    // The report's trend/metrics choices ride along so "back" returns to the same view.
    const back = { currency: url.searchParams.get('trend'), cei: parseCeiVariant(url.searchParams.get('cei')) };
    return { invoices: page, bucketLabels: bucketLabels(input.aging.bounds, input.aging.basis), back, timezone: config.timezone };
  } catch (err) {
    if (err instanceof ReceivablesInputError) error(400, { message: receivablesInputMessage(err), code: err.code });
    throw err;
  }
};
