import { m } from '$lib/paraglide/messages.js';
import { error, fail, redirect } from '@sveltejs/kit';
import { newNotebookTemplate, renderSource } from '$lib/server/notebooks/page.ts';
import { NotebookNameError, notebookPath, notebooksDir, readNotebook, writeNotebook } from '$lib/server/notebooks/store.ts';
import type { Actions, PageServerLoad } from './$types';

/** Notebook texts above this size are refused (a notebook is prose and a few queries). */
const MAX_SOURCE_BYTES = 256 * 1024;

function checkName(name: string): void {
  try {
    notebookPath(notebooksDir(), name);
  } catch (err) {
    if (err instanceof NotebookNameError) error(400, { message: err.message, code: err.code });
    throw err;
  }
}

export const load: PageServerLoad = async ({ params, url }) => {
  checkName(params.name);
  const existing = readNotebook(notebooksDir(), params.name);
  const source = existing ?? newNotebookTemplate(params.name);
  return { name: params.name, isNew: existing === null, source, preview: await renderSource(params.name, source, url.searchParams) };
};

export const actions: Actions = {
  default: async ({ params, request }) => {
    checkName(params.name);
    const source = String((await request.formData()).get('source') ?? '');
    if (Buffer.byteLength(source) > MAX_SOURCE_BYTES) return fail(400, { error: m.dt_nb_err_too_large({ size: String(MAX_SOURCE_BYTES / 1024) }) });
    writeNotebook(notebooksDir(), params.name, source);
    redirect(303, `/notebooks/${params.name}`);
  },
};
