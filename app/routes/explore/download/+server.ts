import { error } from '@sveltejs/kit';
import { withQueryConnection } from '$lib/server/explore/connection.ts';
import { parseExportFormat, queryDownload } from '$lib/server/explore/export.ts';
import { assertReadOnlySelect, ReadOnlyQueryError } from '$lib/server/explore/read-only-query.ts';
import { ExportInputError } from '$lib/server/exports/index.ts';
import { getServices } from '$lib/server/services.ts';
import type { RequestHandler } from './$types';

/**
 * GET /explore/download?sql=…&format=csv|xlsx|parquet|arrow: the explorer's query as a file, streamed
 * (every row, never held in memory). The text is checked as the explorer checks it — one SELECT over
 * warehouse tables, refused otherwise — before the export runs it.
 */
export const GET: RequestHandler = async ({ url }) => {
  try {
    const format = parseExportFormat(url.searchParams.get('format'));
    const sql = url.searchParams.get('sql') ?? '';
    await withQueryConnection((connection) => assertReadOnlySelect(connection, sql));
    const { warehouse, config } = getServices();
    const file = await queryDownload(warehouse, sql, format, config.timezone);
    return new Response(file.body, {
      headers: { 'content-type': file.contentType, 'content-disposition': `attachment; filename="${file.filename}"` },
    });
  } catch (err) {
    if (err instanceof ReadOnlyQueryError || err instanceof ExportInputError) error(400, { message: err.message, code: err.code });
    throw err;
  }
};
