import { error } from '@sveltejs/kit';
import { CONTRACT_TABLE_NAMES } from '../../../pipelines/source/contract.ts';
import { m } from '$lib/paraglide/messages.js';
import { DataQualityInputError, SyncRunNotFoundError } from '$lib/server/data-quality/errors.ts';
import { loadDataQualityPage, parseDataQualityPageInput } from '$lib/server/data-quality/load.ts';
import { getServices } from '$lib/server/services.ts';
import type { PageServerLoad } from './$types';

/** The page's wording of a bad link (the API keeps the English messages of errors.ts). */
function pageMessage(err: DataQualityInputError | SyncRunNotFoundError, params: URLSearchParams): string {
  if (err instanceof SyncRunNotFoundError) return m.dt_dq_err_run_not_found({ id: String(err.runId) });
  const value = JSON.stringify(params.get(err.param)?.trim() ?? '');
  switch (err.code) {
    case 'BAD_TABLE': return m.dt_dq_err_bad_table({ param: err.param, value, tables: CONTRACT_TABLE_NAMES.join(', ') });
    case 'BAD_RULE': return m.dt_dq_err_bad_rule({ param: err.param, value });
    case 'BAD_RUN_ID': return m.dt_dq_err_bad_run({ param: err.param, value });
    case 'BAD_LIMIT':
    case 'BAD_OFFSET': return m.dt_dq_err_bad_number({ param: err.param, value });
    default: return err.message;
  }
}

export const load: PageServerLoad = async ({ url }) => {
  const { warehouse } = getServices();
  try {
    return { dataQuality: await loadDataQualityPage(warehouse, parseDataQualityPageInput(url.searchParams)) };
  } catch (err) {
    if (err instanceof DataQualityInputError || err instanceof SyncRunNotFoundError) error(err.status, { message: pageMessage(err, url.searchParams), code: err.code });
    throw err;
  }
};
