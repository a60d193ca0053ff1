import { error, redirect } from '@sveltejs/kit';
import { ensureStaff, signedInStaff } from '$lib/server/collections/staff.ts';
import { formFailure } from '$lib/server/collections/forms.ts';
import { LadderInputError, ReplayRunNotFoundError } from '$lib/server/ladder/errors.ts';
import { loadLadderPage } from '$lib/server/ladder/load.ts';
import { ladderDeps, startLastYearReplay } from '$lib/server/ladder/services.ts';
import { businessToday } from '$lib/server/receivables/dates.ts';
import { getServices } from '$lib/server/services.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
  const services = getServices();
  try {
    return { ladder: await loadLadderPage(ladderDeps(services), url.searchParams, businessToday(services.config.timezone)), timezone: services.config.timezone };
  } catch (err) {
    if (err instanceof LadderInputError) error(400, { message: err.message, code: err.code });
    if (err instanceof ReplayRunNotFoundError) error(404, { message: err.message, code: err.code });
    throw err;
  }
};

export const actions: Actions = {
  /** Starts a policy replay of the last 12 months in the background; the page shows its progress. */
  replay: async ({ locals }) => {
    const services = getServices();
    try {
      const me = signedInStaff(await ensureStaff(services.workbench.db), locals.principal);
      await startLastYearReplay(services, me?.email ?? 'web');
    } catch (err) {
      return formFailure('replay', err);
    }
    redirect(303, '/collections/ladder?source=replay');
  },
};
