import { notebookExportHandler } from '$lib/server/notebooks/export-route.ts';

/** GET /notebooks/<name>/export.html?<parameters>. */
export const GET = notebookExportHandler('html');
