import { error } from '@sveltejs/kit';
import { MrrInputError } from '$lib/server/mrr/errors.ts';
import { loadRetentionPage } from '$lib/server/mrr/pages.ts';
import { getServices } from '$lib/server/services.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
  try {
    return { retention: await loadRetentionPage(getServices().warehouse, url.searchParams) };
  } catch (err) {
    if (err instanceof MrrInputError) error(400, { message: err.message, code: err.code });
    throw err;
  }
};
