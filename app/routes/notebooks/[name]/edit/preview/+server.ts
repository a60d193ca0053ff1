import { error, json } from '@sveltejs/kit';
import { renderSource } from '$lib/server/notebooks/page.ts';
import { NotebookNameError, notebookPath, notebooksDir } from '$lib/server/notebooks/store.ts';
import type { RequestHandler } from './$types';

/** The editor's live preview: renders the posted text (not saved) with the page's parameters. */
export const POST: RequestHandler = async ({ params, request, url }) => {
  try {
    notebookPath(notebooksDir(), params.name);
  } catch (err) {
    if (err instanceof NotebookNameError) error(400, { message: err.message, code: err.code });
    throw err;
  }
  const body = (await request.json().catch(() => null)) as { source?: unknown } | null;
  if (!body || typeof body !== 'object' || Array.isArray(body) || typeof body.source !== 'string') error(400, { message: 'post { "source": "<notebook text>" }', code: 'BAD_PREVIEW' });
  const unknown = Object.keys(body).filter((key) => key !== 'source');
  if (unknown.length) error(400, { message: `unknown field ${unknown.map((k) => JSON.stringify(k.slice(0, 40))).join(', ')}: post only { "source": "<notebook text>" }`, code: 'UNKNOWN_FIELD' });
  if (body.source.length > 256 * 1024) error(413, { message: 'the notebook is too large to preview', code: 'TOO_LARGE' });
  return json(await renderSource(params.name, body.source, url.searchParams));
};
