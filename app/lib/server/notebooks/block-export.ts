import { m } from '$lib/paraglide/messages.js';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { assertReadOnlySelect } from '../explore/read-only-query.ts';
import { compileBlockSql } from './compile.ts';
import { boundParams, resolveParamValues, type ParamContext } from './params.ts';
import { parseNotebook } from './parse.ts';

/** The notebook's `$name` parameters that a compiled block uses, as plain values (streamExport binds them by name). */
export function usedParams(sql: string, params: Readonly<Record<string, { value: DuckDBValue }>>): Record<string, DuckDBValue> {
  const out: Record<string, DuckDBValue> = {};
  for (const match of sql.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)) {
    const bound = params[match[1]!];
    if (bound) out[match[1]!] = bound.value;
  }
  return out;
}

export class NotebookBlockError extends Error {
  readonly code = 'NOTEBOOK_BLOCK_NOT_FOUND';
  readonly status = 404;
}

/** What an export of one ```sql block needs: its compiled SQL and bound values, and how to name it. */
export interface BlockExport {
  readonly sql: string;
  readonly params: Record<string, DuckDBValue>;
  readonly title: string;
  readonly source: string;
}

/**
 * One ```sql block of a notebook with the parameters in `search` (as the page binds them), checked
 * read-only as a page render checks it, ready for streamExport: the block's whole result, not the
 * page's preview rows.
 */
export async function blockExport(
  notebook: { readonly name: string; readonly source: string },
  blockName: string,
  search: URLSearchParams,
  context: ParamContext & { readonly connection: DuckDBConnection },
): Promise<BlockExport> {
  const parsed = parseNotebook(notebook.source);
  const block = parsed.blocks.find((b) => b.kind === 'sql' && b.name === blockName);
  if (!block || block.kind !== 'sql') throw new NotebookBlockError(m.dt_nbr_no_block_export({ name: notebook.name, block: blockName }));
  const params = boundParams(parsed.params, resolveParamValues(parsed.params, search, context));
  const compiled = compileBlockSql(block.sql, params);
  await assertReadOnlySelect(context.connection, compiled.sql);
  return {
    sql: compiled.sql,
    params: usedParams(compiled.sql, compiled.params),
    title: `${parsed.title ?? notebook.name}: ${blockName}`,
    source: `notebooks/${notebook.name}.md, block ${blockName}`,
  };
}
