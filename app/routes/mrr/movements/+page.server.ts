import { error } from '@sveltejs/kit';
import { mrrDefinitions } from '$lib/server/mrr/definitions.ts';
import { MAX_PAGE, movementsPage, parseMovementsInput } from '$lib/server/mrr/drill.ts';
import { MrrInputError } from '$lib/server/mrr/errors.ts';
import { getServices } from '$lib/server/services.ts';
import { pageErrorMessage } from '$lib/server/revenue/page-error.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
  try {
    const input = parseMovementsInput(url.searchParams, { defaultLimit: 50, maxLimit: MAX_PAGE });
    return { movements: await movementsPage(getServices().warehouse, input), definitions: mrrDefinitions().byName };
  } catch (err) {
    if (err instanceof MrrInputError) error(400, { message: pageErrorMessage(err), code: err.code });
    throw err;
  }
};
