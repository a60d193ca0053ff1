import { m } from '$lib/paraglide/messages.js';
import type { DuckDBConnection } from '@duckdb/node-api';
import { buildNotebookChartOption, NotebookChartError } from '../../charts/notebook-chart-option.ts';
import type { BlockError, RenderedBlock, RenderedNotebook, ResultTableData } from '../../notebooks/types.ts';
import { ReadOnlyQueryError, runReadOnlyQuery, type QueryLimits, type QueryResult } from '../explore/read-only-query.ts';
import { compileBlockSql, IncludeError } from './compile.ts';
import { boundParams, resolveParamValues, type ParamContext } from './params.ts';
import { parseNotebook } from './parse.ts';

/** Limits of one notebook block's query. */
export const NOTEBOOK_LIMITS: QueryLimits = { timeoutMs: 30_000, rowLimit: 5_000 };
/** Rows a ```sql block shows under it (a ```table block can ask for `limit:`). */
export const SQL_BLOCK_PREVIEW_ROWS = 50;

function table(result: QueryResult, limit: number | null, columns: readonly string[] = []): ResultTableData {
  const picked = columns.length ? columns.map((c) => result.columns.findIndex((rc) => rc.name === c)) : result.columns.map((_c, i) => i);
  const missing = columns.filter((_c, i) => picked[i]! < 0);
  if (missing.length) throw new NotebookChartError(m.dt_nbr_no_column({ missing: missing.join(', '), columns: result.columns.map((c) => c.name).join(', ') }));
  const rows = limit === null ? result.rows : result.rows.slice(0, limit);
  return {
    columns: picked.map((i) => result.columns[i]!),
    rows: rows.map((r) => picked.map((i) => r[i]!)),
    truncated: result.truncated || rows.length < result.rows.length,
    rowLimit: limit === null ? result.rowLimit : Math.min(limit, result.rowLimit),
  };
}

/** DuckDB says "LINE n:" for a parse or bind error; with no include before it, that is a line of the block. */
function errorLine(message: string, blockLine: number, sql: string): number {
  const match = /LINE (\d+):/.exec(message);
  if (!match || sql.includes('{{')) return blockLine;
  return blockLine + Number(match[1]);
}

/**
 * Runs a notebook's text: parameters from `search` (else the defaults), each ```sql block as a
 * read-only query on `connection` (each in its own read-only transaction, so a broken block leaves
 * the others running), charts and tables from the named results. Never throws for what the author
 * wrote: every problem is shown at its block with its line in the file.
 * Known limitation: blocks run one after another, so a sync that commits while a notebook renders
 * can put blocks on different snapshots.
 */
export async function renderNotebook(
  name: string,
  source: string,
  search: URLSearchParams,
  context: ParamContext & { readonly connection: DuckDBConnection; readonly limits?: QueryLimits },
): Promise<RenderedNotebook> {
  const parsed = parseNotebook(source);
  const values = resolveParamValues(parsed.params, search, context);
  const params = boundParams(parsed.params, values);
  const results = new Map<string, { result: QueryResult | null; line: number }>();
  const blocks: RenderedBlock[] = [];

  for (const block of parsed.blocks) {
    switch (block.kind) {
      case 'markdown':
        blocks.push(block);
        break;
      case 'invalid':
        blocks.push({ kind: 'sql', line: block.line, name: block.label, sql: block.source, hidden: false, result: null, elapsedMs: null, error: block.error });
        break;
      case 'sql': {
        let result: QueryResult | null = null;
        let error: BlockError | null = null;
        try {
          const compiled = compileBlockSql(block.sql, params);
          result = await runReadOnlyQuery(context.connection, compiled.sql, compiled.params, context.limits ?? NOTEBOOK_LIMITS);
        } catch (err) {
          if (!(err instanceof ReadOnlyQueryError || err instanceof IncludeError)) throw err;
          error = { message: err.message, line: errorLine(err.message, block.line, block.sql) };
        }
        results.set(block.name, { result, line: block.line });
        blocks.push({
          kind: 'sql',
          line: block.line,
          name: block.name,
          sql: block.sql,
          hidden: block.hidden,
          result: result && table(result, SQL_BLOCK_PREVIEW_ROWS),
          elapsedMs: result?.elapsedMs ?? null,
          error,
        });
        break;
      }
      case 'chart':
      case 'table': {
        const source = results.get(block.query);
        const title = block.spec.title;
        const fail = (message: string): RenderedBlock =>
          block.kind === 'chart'
            ? { kind: 'chart', line: block.line, query: block.query, title, option: null, error: { message, line: block.line } }
            : { kind: 'table', line: block.line, query: block.query, title, result: null, error: { message, line: block.line } };
        if (!source) {
          blocks.push(fail(m.dt_nbr_no_sql_block({ query: block.query, kind: block.kind, example: `\`\`\`sql name=${block.query}` })));
          break;
        }
        if (!source.result) {
          blocks.push(fail(m.dt_nbr_query_failed({ query: block.query, line: String(source.line) })));
          break;
        }
        try {
          blocks.push(
            block.kind === 'chart'
              ? {
                  kind: 'chart',
                  line: block.line,
                  query: block.query,
                  title,
                  option: buildNotebookChartOption({ ...block.spec, x: block.spec.x! }, source.result),
                  error: null,
                }
              : { kind: 'table', line: block.line, query: block.query, title, result: table(source.result, block.spec.limit, block.spec.columns), error: null },
          );
        } catch (err) {
          if (!(err instanceof NotebookChartError)) throw err;
          blocks.push(fail(m.dt_nbr_block_prefixed({ lang: block.kind, message: err.message })));
        }
        break;
      }
    }
  }

  return {
    name,
    title: parsed.title ?? name,
    description: parsed.description,
    params: parsed.params,
    values,
    frontMatterError: parsed.frontMatterError,
    blocks,
  };
}
