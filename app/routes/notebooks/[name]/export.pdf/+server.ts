import { error } from '@sveltejs/kit';
import { notebookFile } from '$lib/server/notebooks/export.ts';
import { loadNotebook } from '$lib/server/notebooks/page.ts';
import { NotebookNameError } from '$lib/server/notebooks/store.ts';
import { getServices } from '$lib/server/services.ts';
import type { RequestHandler } from './$types';

/** GET /notebooks/<name>/export.pdf?<parameters>: the notebook as the page renders it, as a PDF. */
export const GET: RequestHandler = async ({ params, url }) => {
  try {
    const notebook = await loadNotebook(params.name, url.searchParams);
    if (!notebook) error(404, { message: `no notebook named ${params.name}`, code: 'NOTEBOOK_NOT_FOUND' });
    const file = await notebookFile(notebook, 'pdf', { generatedAt: new Date(), timezone: getServices().config.timezone });
    const disposition = url.searchParams.has('inline') ? 'inline' : 'attachment';
    return new Response(new Uint8Array(file.body), {
      headers: { 'content-type': file.contentType, 'content-disposition': `${disposition}; filename="${file.filename}"` },
    });
  } catch (err) {
    if (err instanceof NotebookNameError) error(400, { message: err.message, code: err.code });
    throw err;
  }
};
