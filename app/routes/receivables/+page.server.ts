import { error } from '@sveltejs/kit';
import { businessToday } from '$lib/server/receivables/dates.ts';
import { ReceivablesInputError } from '$lib/server/receivables/errors.ts';
import { receivablesInputMessage } from '$lib/server/receivables/page-errors.ts';
import { loadReceivablesPage, parseReceivablesPageInput } from '$lib/server/receivables/load.ts';
import { DEFAULT_BOUNDS } from '$lib/server/receivables/params.ts';
import { getServices } from '$lib/server/services.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
  const { warehouse, config } = getServices();
  const today = businessToday(config.timezone);
  try {
    const input = parseReceivablesPageInput(url.searchParams, today);
    return {
      receivables: await loadReceivablesPage(warehouse, input, today),
      bucketsText: url.searchParams.get('buckets') ?? '',
      defaultBuckets: { due_date: DEFAULT_BOUNDS.due_date.join(','), invoice_date: DEFAULT_BOUNDS.invoice_date.join(',') },
    };
  } catch (err) {
    if (err instanceof ReceivablesInputError) error(400, { message: receivablesInputMessage(err), code: err.code });
    throw err;
  }
};
