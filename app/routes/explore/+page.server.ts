import { m } from '$lib/paraglide/messages.js';
import { fail, redirect } from '@sveltejs/kit';
import { withQueryConnection } from '$lib/server/explore/connection.ts';
import { EXPLORE_PAGE_LIMITS } from '$lib/server/explore/limits.ts';
import { ReadOnlyQueryError, runReadOnlyQuery, type QueryResult } from '$lib/server/explore/read-only-query.ts';
import { warehouseSchema } from '$lib/server/explore/schema.ts';
import { NotebookNameError, notebookFromQuery, notebooksDir, writeNotebook } from '$lib/server/notebooks/store.ts';
import { getServices } from '$lib/server/services.ts';
import type { Actions, PageServerLoad } from './$types';

/** The query travels in the URL (`?sql=`), so a result can be linked to and the back button works. */
export const load: PageServerLoad = async ({ url }) => {
  const sql = url.searchParams.get('sql') ?? '';
  const schema = await warehouseSchema(getServices().warehouse);
  let result: QueryResult | null = null;
  let error: { code: string; message: string } | null = null;
  if (sql.trim()) {
    try {
      result = await withQueryConnection((connection) => runReadOnlyQuery(connection, sql, {}, EXPLORE_PAGE_LIMITS));
    } catch (err) {
      if (!(err instanceof ReadOnlyQueryError)) throw err;
      error = { code: err.code, message: err.message };
    }
  }
  return { sql, schema, result, error, limits: { page: EXPLORE_PAGE_LIMITS } };
};

export const actions: Actions = {
  /** "Save as notebook": a new notebook file holding the query as its one block. */
  save: async ({ request }) => {
    const form = await request.formData();
    const sql = String(form.get('sql') ?? '');
    const name = String(form.get('name') ?? '').trim();
    if (!sql.trim()) return fail(400, { saveError: m.dt_ex_err_write_first(), name });
    try {
      writeNotebook(notebooksDir(), name, notebookFromQuery(name, sql), { create: true });
    } catch (err) {
      if (err instanceof NotebookNameError) return fail(400, { saveError: err.message, name });
      throw err;
    }
    redirect(303, `/notebooks/${name}`);
  },
};
