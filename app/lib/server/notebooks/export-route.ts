import { m } from '$lib/paraglide/messages.js';
import { error, type RequestHandler } from '@sveltejs/kit';
import { getServices } from '../services.ts';
import { notebookFile, type NotebookFileFormat } from './export.ts';
import { loadNotebook } from './page.ts';
import { NotebookNameError } from './store.ts';

/**
 * GET /notebooks/<name>/export.<format>?<parameters>: the notebook as the page renders it, as one
 * file (`inline` in the query shows it instead of downloading). 404 without such a notebook.
 */
export function notebookExportHandler(format: NotebookFileFormat): RequestHandler<{ name: string }> {
  return async ({ params, url }) => {
    try {
      const notebook = await loadNotebook(params.name, url.searchParams);
      if (!notebook) error(404, { message: m.dt_nb_err_not_found({ name: params.name }), code: 'NOTEBOOK_NOT_FOUND' });
      const file = await notebookFile(notebook, format, { generatedAt: new Date(), timezone: getServices().config.timezone });
      const disposition = url.searchParams.has('inline') ? 'inline' : 'attachment';
      return new Response(new Uint8Array(file.body), {
        headers: { 'content-type': file.contentType, 'content-disposition': `${disposition}; filename="${file.filename}"` },
      });
    } catch (err) {
      if (err instanceof NotebookNameError) error(400, { message: err.message, code: err.code });
      throw err;
    }
  };
}
