import { m } from '$lib/paraglide/messages.js';
import { error } from '@sveltejs/kit';
import { loadNotebook } from '$lib/server/notebooks/page.ts';
import { NotebookNameError } from '$lib/server/notebooks/store.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url }) => {
  try {
    const notebook = await loadNotebook(params.name, url.searchParams);
    if (!notebook) error(404, { message: m.dt_nb_err_not_found({ name: params.name }), code: 'NOTEBOOK_NOT_FOUND' });
    return { notebook };
  } catch (err) {
    if (err instanceof NotebookNameError) error(400, { message: err.message, code: err.code });
    throw err;
  }
};
