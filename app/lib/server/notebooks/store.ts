import { m } from '$lib/paraglide/messages.js';
import fs from 'node:fs';
import path from 'node:path';
import type { NotebookSummary } from '../../notebooks/types.ts';
import { parseNotebook } from './parse.ts';

/**
 * Notebooks are Markdown files `<name>.md` in one folder, re-read on every request (so a file
 * dropped there shows at once). The folder: LEDGERLENS_NOTEBOOKS_DIR, default `notebooks/` in the
 * working directory.
 */
export function notebooksDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.LEDGERLENS_NOTEBOOKS_DIR || 'notebooks');
}

export type NotebookNameErrorCode = 'BAD_NOTEBOOK_NAME' | 'NOTEBOOK_EXISTS';

export class NotebookNameError extends Error {
  readonly status = 400;
  constructor(
    readonly code: NotebookNameErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Lower-case letters, digits, - and _; a letter or digit first; at most 64. No dots, no slashes: no way out of the folder. */
const NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** Names that are pages of their own under /notebooks/. */
const RESERVED = new Set(['schedules']);

/** The file of notebook `name` in `dir`; refuses any name that is not a plain file name (path traversal). */
export function notebookPath(dir: string, name: string): string {
  if (RESERVED.has(name)) throw new NotebookNameError('BAD_NOTEBOOK_NAME', m.dt_nb_err_reserved({ name }));
  if (!NAME.test(name)) {
    throw new NotebookNameError('BAD_NOTEBOOK_NAME', m.dt_nb_err_bad_name({ name }));
  }
  const root = path.resolve(dir);
  const file = path.resolve(root, `${name}.md`);
  // Belt and braces: the pattern already excludes separators and dots.
  if (path.dirname(file) !== root) throw new NotebookNameError('BAD_NOTEBOOK_NAME', m.dt_nb_err_bad_name_short({ name }));
  return file;
}

/** The notebook's text, or null when there is no such file. */
export function readNotebook(dir: string, name: string): string | null {
  try {
    return fs.readFileSync(notebookPath(dir, name), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Writes the notebook (a temporary file renamed over it, so a reader never sees half a file). `create`: refuse to overwrite. */
export function writeNotebook(dir: string, name: string, source: string, options: { create?: boolean } = {}): void {
  const file = notebookPath(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (options.create && fs.existsSync(file)) throw new NotebookNameError('NOTEBOOK_EXISTS', m.dt_nb_err_exists({ name }));
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(tmp, source);
  fs.renameSync(tmp, file);
}

/** Every notebook of the folder, by title; a file that does not parse is listed with its error. */
export function listNotebooks(dir: string): NotebookSummary[] {
  let files: string[];
  try {
    files = fs.readdirSync(dir).filter((f) => f.endsWith('.md') && NAME.test(f.slice(0, -3)) && !RESERVED.has(f.slice(0, -3)));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return files
    .map((file) => {
      const name = file.slice(0, -3);
      const parsed = parseNotebook(fs.readFileSync(path.join(dir, file), 'utf8'));
      return { name, title: parsed.title ?? name, description: parsed.description, error: parsed.frontMatterError?.message ?? null };
    })
    .sort((a, b) => a.title.localeCompare(b.title));
}

/** A new notebook holding one query, as the explorer's "save as notebook" writes it. */
export function notebookFromQuery(title: string, sql: string): string {
  const body = sql.trim().replace(/;\s*$/, '');
  const fence = body.includes('```') ? '~~~' : '```';
  return [
    '---',
    `title: ${JSON.stringify(title)}`,
    'description: Saved from the SQL explorer.',
    'params: {}',
    '---',
    '',
    '## Result',
    '',
    `${fence}sql name=result`,
    body,
    fence,
    '',
  ].join('\n');
}
