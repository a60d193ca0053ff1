import { notebookExportHandler } from '$lib/server/notebooks/export-route.ts';

/** GET /notebooks/<name>/export.pdf?<parameters>. */
export const GET = notebookExportHandler('pdf');
