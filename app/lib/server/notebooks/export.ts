import type { RenderedNotebook } from '../../notebooks/types.ts';
import { renderNotebookHtml } from './notebook-html.ts';
import { renderNotebookPdf } from './notebook-pdf.ts';

export type NotebookFileFormat = 'pdf' | 'html';

export interface NotebookFile {
  readonly body: Buffer;
  readonly contentType: string;
  readonly filename: string;
}

/** `monthly-board-pack_2025-12_2026-10_RUB`: the notebook's name and the parameter values used, safe as a file name. */
export function notebookFileStem(notebook: Pick<RenderedNotebook, 'name' | 'values'>): string {
  const values = notebook.values.map((v) => v.value).filter((v): v is string => v !== null && v !== '');
  return [notebook.name, ...values].map((part) => part.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '')).filter(Boolean).join('_').slice(0, 150);
}

/** A rendered notebook as a PDF or a standalone HTML file. */
export async function notebookFile(notebook: RenderedNotebook, format: NotebookFileFormat, options: { generatedAt: Date; timezone: string }): Promise<NotebookFile> {
  const stem = notebookFileStem(notebook);
  if (format === 'pdf') return { body: await renderNotebookPdf(notebook, options), contentType: 'application/pdf', filename: `${stem}.pdf` };
  return { body: Buffer.from(renderNotebookHtml(notebook, options), 'utf8'), contentType: 'text/html; charset=utf-8', filename: `${stem}.html` };
}
