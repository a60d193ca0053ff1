import { m } from '$lib/paraglide/messages.js';
import { BIGINT, BOOLEAN, DOUBLE, VARCHAR } from '@duckdb/node-api';
import type { BoundValue } from '../explore/read-only-query.ts';
import { composedQuery } from '../mrr/queries.ts';

/**
 * A notebook block reuses the product's figure definitions by including a query of sql/queries/ as
 * a relation: `{{ collection_metrics($currency, null, null, 'period_sales') }}` stands for that file
 * in parentheses (with its own `{{…}}` includes, as the dashboards compose it), its positional
 * parameters $1…$N bound to the arguments in order. An argument is a declared parameter (`$name`),
 * or a constant the author wrote: 'text', a number, true, false or null. Every value is bound, none
 * is written into the SQL: the included text only has its `$k` placeholders renamed.
 */
export class IncludeError extends Error {
  readonly code = 'BAD_INCLUDE';
}

const INCLUDE = /\{\{\s*([a-z_]+)\s*\(([^)]*)\)\s*\}\}/g;

export interface CompiledSql {
  readonly sql: string;
  readonly params: Record<string, BoundValue>;
  /** Names of the sql/queries files included. */
  readonly includes: readonly string[];
}

/** Splits `a, 'b, c', $d` at top-level commas (quotes respected, '' is a quote inside text). */
function splitArgs(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "'") quoted = !quoted;
    if (ch === ',' && !quoted) {
      out.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (quoted) throw new IncludeError(m.dt_nbr_args_quote());
  if (current.trim() !== '' || out.length > 0) out.push(current.trim());
  return out;
}

function argValue(arg: string, index: number, query: string, params: Readonly<Record<string, BoundValue>>): BoundValue {
  const param = /^\$([a-z][a-z0-9_]*)$/.exec(arg);
  if (param) {
    const bound = params[param[1]!];
    if (!bound) throw new IncludeError(m.dt_nbr_arg_undeclared({ index: String(index + 1), query, param: param[1]! }));
    return bound;
  }
  if (/^null$/i.test(arg)) return { value: null };
  if (/^(true|false)$/i.test(arg)) return { value: arg.toLowerCase() === 'true', type: BOOLEAN };
  if (/^-?\d{1,15}$/.test(arg)) return { value: BigInt(arg), type: BIGINT };
  if (/^-?\d+\.\d+$/.test(arg)) return { value: Number(arg), type: DOUBLE };
  const text = /^'((?:[^']|'')*)'$/.exec(arg);
  if (text) return { value: text[1]!.replaceAll("''", "'"), type: VARCHAR };
  throw new IncludeError(m.dt_nbr_arg_kind({ index: String(index + 1), query, arg }));
}

/** How many positional parameters a query of sql/queries/ takes (its highest $k). */
export function queryArity(sql: string): number {
  let max = 0;
  for (const match of sql.matchAll(/\$(\d+)\b/g)) max = Math.max(max, Number(match[1]));
  return max;
}

/** Expands the includes of a block's SQL; `params` are the notebook's parameters, bound by name. */
export function compileBlockSql(sql: string, params: Readonly<Record<string, BoundValue>>): CompiledSql {
  const bound: Record<string, BoundValue> = { ...params };
  const includes: string[] = [];
  const expanded = sql.replace(INCLUDE, (_m, query: string, argText: string) => {
    let text: string;
    try {
      text = composedQuery(query);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new IncludeError(m.dt_nbr_no_query_file({ query }));
      throw err;
    }
    const k = includes.push(query);
    const args = splitArgs(argText);
    const arity = queryArity(text);
    if (args.length !== arity) throw new IncludeError(m.dt_nbr_arity({ query, arity: String(arity), count: String(args.length) }));
    args.forEach((arg, i) => (bound[`__q${k}_${i + 1}`] = argValue(arg, i, query, params)));
    // Our own SQL file: rename its positional placeholders to this include's named ones.
    return `(\n${text.replace(/\$(\d+)\b/g, (_p, n: string) => `$__q${k}_${n}`)}\n)`;
  });
  const leftover = /\{\{[^}]*\}?\}?/.exec(expanded);
  if (leftover) {
    throw new IncludeError(
      m.dt_nbr_not_include({ text: leftover[0], syntax: '{{ query_name(arguments) }}' }),
    );
  }
  return { sql: expanded, params: bound, includes };
}
