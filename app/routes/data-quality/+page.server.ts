import { error } from '@sveltejs/kit';
import { DataQualityInputError, SyncRunNotFoundError } from '$lib/server/data-quality/errors.ts';
import { loadDataQualityPage, parseDataQualityPageInput } from '$lib/server/data-quality/load.ts';
import { getServices } from '$lib/server/services.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
  const { warehouse } = getServices();
  try {
    return { dataQuality: await loadDataQualityPage(warehouse, parseDataQualityPageInput(url.searchParams)) };
  } catch (err) {
    if (err instanceof DataQualityInputError || err instanceof SyncRunNotFoundError) error(err.status, { message: err.message, code: err.code });
    throw err;
  }
};
