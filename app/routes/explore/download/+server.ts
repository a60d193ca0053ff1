import { error } from '@sveltejs/kit';
import { withQueryConnection } from '$lib/server/explore/connection.ts';
import { EXPORT_FORMATS, ExportFormatError, parseExportFormat } from '$lib/server/explore/export.ts';
import { EXPLORE_DOWNLOAD_LIMITS } from '$lib/server/explore/limits.ts';
import { ReadOnlyQueryError, runReadOnlyQuery } from '$lib/server/explore/read-only-query.ts';
import type { RequestHandler } from './$types';

/** GET /explore/download?sql=…&format=csv: the explorer's result as a file (read-only, with the download limits). */
export const GET: RequestHandler = async ({ url }) => {
  try {
    const format = EXPORT_FORMATS[parseExportFormat(url.searchParams.get('format'))];
    const sql = url.searchParams.get('sql') ?? '';
    const result = await withQueryConnection((connection) => runReadOnlyQuery(connection, sql, {}, EXPLORE_DOWNLOAD_LIMITS));
    return new Response(format.write(result), {
      headers: {
        'content-type': format.contentType,
        'content-disposition': `attachment; filename="query.${format.extension}"`,
        // The row limit, stated with the file: a truncated download says so.
        'x-ledgerlens-rows': String(result.rows.length),
        'x-ledgerlens-truncated': String(result.truncated),
      },
    });
  } catch (err) {
    if (err instanceof ReadOnlyQueryError || err instanceof ExportFormatError) error(400, { message: err.message, code: err.code });
    throw err;
  }
};
