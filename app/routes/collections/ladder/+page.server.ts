import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { currentLocale } from '$lib/i18n/locale.ts';
import { ensureStaff, signedInStaff } from '$lib/server/collections/staff.ts';
import { formFailure } from '$lib/server/collections/forms.ts';
import { LadderInputError, ReplayRunNotFoundError } from '$lib/server/ladder/errors.ts';
import { loadLadderPage } from '$lib/server/ladder/load.ts';
import { ladderDeps, startLastYearReplay } from '$lib/server/ladder/services.ts';
import { businessToday } from '$lib/server/receivables/dates.ts';
import { getServices } from '$lib/server/services.ts';
import type { Actions, PageServerLoad } from './$types';

/** A bad ladder request in the page's language: the error's own words in English (they quote the value), the parameter's rule otherwise. */
function inputMessage(err: LadderInputError): string {
  if (currentLocale() === 'en') return err.message;
  const rule = ({
    BAD_FROM: m.cl_lerr_date, BAD_TO: m.cl_lerr_date, BAD_RANGE: m.cl_lerr_range, BAD_SOURCE: m.cl_lerr_source, BAD_RUN: m.cl_lerr_run, BAD_FORMAT: m.cl_rerr_format,
  } as Record<string, () => string>)[err.code];
  return rule ? rule() : err.message;
}

export const load: PageServerLoad = async ({ url }) => {
  const services = getServices();
  try {
    return { ladder: await loadLadderPage(ladderDeps(services), url.searchParams, businessToday(services.config.timezone)), timezone: services.config.timezone };
  } catch (err) {
    if (err instanceof LadderInputError) error(400, { message: inputMessage(err), code: err.code });
    if (err instanceof ReplayRunNotFoundError) error(404, { message: currentLocale() === 'en' ? err.message : m.cl_lerr_run_not_found(), code: err.code });
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
