import { m } from '$lib/paraglide/messages.js';
import { error } from '@sveltejs/kit';
import { withQueryConnection } from '$lib/server/explore/connection.ts';
import { parseExportFormat, queryDownload } from '$lib/server/explore/export.ts';
import { ReadOnlyQueryError } from '$lib/server/explore/read-only-query.ts';
import { ExportInputError } from '$lib/server/exports/index.ts';
import { blockExport, NotebookBlockError } from '$lib/server/notebooks/block-export.ts';
import { IncludeError } from '$lib/server/notebooks/compile.ts';
import { NotebookParamError } from '$lib/server/notebooks/params.ts';
import { NotebookNameError, notebooksDir, readNotebook } from '$lib/server/notebooks/store.ts';
import { businessToday } from '$lib/server/receivables/dates.ts';
import { getServices } from '$lib/server/services.ts';
import type { RequestHandler } from './$types';

/**
 * GET /notebooks/<name>/blocks/<block>?format=csv|xlsx|parquet|arrow&<the notebook's parameters>:
 * the whole result of one ```sql block (not the page's preview rows), streamed in any export format.
 */
export const GET: RequestHandler = async ({ params, url }) => {
  try {
    const format = parseExportFormat(url.searchParams.get('format'));
    const source = readNotebook(notebooksDir(), params.name);
    if (source === null) error(404, { message: m.dt_nb_err_not_found({ name: params.name }), code: 'NOTEBOOK_NOT_FOUND' });
    const { warehouse, config } = getServices();
    const today = businessToday(config.timezone);
    const request = await withQueryConnection((connection) => blockExport({ name: params.name, source }, params.block, url.searchParams, { today, connection }));
    const file = await queryDownload(warehouse, { ...request, filename: `${params.name}_${params.block}` }, format, config.timezone);
    return new Response(file.body, {
      headers: { 'content-type': file.contentType, 'content-disposition': `attachment; filename="${file.filename}"` },
    });
  } catch (err) {
    if (err instanceof NotebookBlockError) error(404, { message: err.message, code: err.code });
    if (err instanceof ReadOnlyQueryError || err instanceof ExportInputError || err instanceof NotebookNameError) error(400, { message: err.message, code: err.code });
    if (err instanceof NotebookParamError || err instanceof IncludeError) error(400, { message: err.message, code: 'BAD_NOTEBOOK_BLOCK' });
    throw err;
  }
};
