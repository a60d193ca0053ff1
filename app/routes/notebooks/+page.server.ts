import { fail, redirect } from '@sveltejs/kit';
import { listNotebooks, notebookPath, notebooksDir, NotebookNameError } from '$lib/server/notebooks/store.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({ notebooks: listNotebooks(notebooksDir()), dir: notebooksDir() });

export const actions: Actions = {
  /** "New notebook": checks the name, then opens the editor on it. */
  create: async ({ request }) => {
    const name = String((await request.formData()).get('name') ?? '').trim();
    try {
      notebookPath(notebooksDir(), name);
    } catch (err) {
      if (err instanceof NotebookNameError) return fail(400, { name, error: err.message });
      throw err;
    }
    redirect(303, `/notebooks/${name}/edit`);
  },
};
