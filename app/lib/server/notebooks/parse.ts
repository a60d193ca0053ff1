import { m } from '$lib/paraglide/messages.js';
import MarkdownIt, { type Token } from 'markdown-it';
import { parseDocument } from 'yaml';
import type { BlockError, NotebookParamSpec } from '../../notebooks/types.ts';
import { NotebookParamError, parseParamSpec } from './params.ts';

/**
 * A notebook file: YAML front matter between `---` lines (title, description, params), then Markdown
 * whose fenced blocks ```sql name=…```, ```chart query=…``` and ```table query=…``` are run; any
 * other fence is shown as code. Line numbers are 1-based lines of the file.
 */
export interface ParsedNotebook {
  readonly title: string | null;
  readonly description: string | null;
  readonly params: readonly NotebookParamSpec[];
  readonly frontMatterError: BlockError | null;
  readonly blocks: readonly ParsedBlock[];
}

/** A chart or table block's settings (the YAML body of the fence). */
export interface ViewSpec {
  readonly type: 'line' | 'bar';
  readonly x: string | null;
  readonly y: readonly string[];
  readonly series: string | null;
  readonly stack: boolean;
  readonly columns: readonly string[];
  readonly title: string | null;
  readonly limit: number | null;
}

export type ParsedBlock =
  | { readonly kind: 'markdown'; readonly line: number; readonly html: string }
  | { readonly kind: 'sql'; readonly line: number; readonly name: string; readonly sql: string; readonly hidden: boolean }
  | { readonly kind: 'chart' | 'table'; readonly line: number; readonly query: string; readonly spec: ViewSpec }
  | { readonly kind: 'invalid'; readonly line: number; readonly label: string; readonly source: string; readonly error: BlockError };

// Raw HTML off: prose is escaped, so a notebook cannot inject markup or scripts into the page;
// markdown-it's default link check drops javascript: and data: links.
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

const BLOCK_NAME = /^[a-z][a-z0-9_]{0,62}$/;

/** `sql name=mrr_bridge hidden` → { lang: 'sql', attrs: { name: 'mrr_bridge', hidden: '' } }. */
export function parseFenceInfo(info: string): { lang: string; attrs: Record<string, string> } {
  const parts = info.trim().match(/[^\s=]+="[^"]*"|[^\s=]+=\S*|\S+/g) ?? [];
  const [lang = '', ...rest] = parts;
  const attrs: Record<string, string> = {};
  for (const part of rest) {
    const eq = part.indexOf('=');
    if (eq < 0) attrs[part] = '';
    else attrs[part.slice(0, eq)] = part.slice(eq + 1).replace(/^"(.*)"$/, '$1');
  }
  return { lang: lang.toLowerCase(), attrs };
}

/** Splits off the front matter; `bodyLine` is the file line where the Markdown starts (1-based). */
function splitFrontMatter(source: string): { yaml: string | null; body: string; bodyLine: number } {
  const match = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(source);
  if (!match) return { yaml: null, body: source, bodyLine: 1 };
  return { yaml: match[1]!, body: source.slice(match[0].length), bodyLine: match[0].split('\n').length - (match[0].endsWith('\n') ? 0 : 1) };
}

function parseFrontMatter(yaml: string | null): Pick<ParsedNotebook, 'title' | 'description' | 'params' | 'frontMatterError'> {
  const none = { title: null, description: null, params: [], frontMatterError: null };
  if (yaml === null) return none;
  const doc = parseDocument(yaml, { prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    return { ...none, frontMatterError: { message: m.dt_nbr_front_matter({ message: e.message.split('\n')[0] ?? '' }), line: 1 + (e.linePos?.[0].line ?? 1) } };
  }
  const data = doc.toJS() as Record<string, unknown> | null;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { ...none, frontMatterError: { message: m.dt_nbr_front_matter_map(), line: 1 } };
  }
  const params: NotebookParamSpec[] = [];
  let frontMatterError: BlockError | null = null;
  const declared = data.params ?? {};
  if (declared === null || typeof declared !== 'object' || Array.isArray(declared)) {
    frontMatterError = { message: m.dt_nbr_front_matter_params(), line: 1 };
  } else {
    for (const [name, raw] of Object.entries(declared as Record<string, unknown>)) {
      try {
        params.push(parseParamSpec(name, raw));
      } catch (err) {
        if (!(err instanceof NotebookParamError)) throw err;
        const lineOf = yaml.split('\n').findIndex((l) => new RegExp(`^\\s+${name}\\s*:`).test(l));
        frontMatterError ??= { message: m.dt_nbr_front_matter({ message: err.message }), line: 2 + Math.max(0, lineOf) };
      }
    }
  }
  return {
    title: typeof data.title === 'string' ? data.title : null,
    description: typeof data.description === 'string' ? data.description : null,
    params,
    frontMatterError,
  };
}

function parseViewSpec(kind: 'chart' | 'table', body: string): ViewSpec {
  const doc = parseDocument(body.trim() === '' ? '{}' : body, { prettyErrors: false });
  if (doc.errors.length > 0) throw new Error(m.dt_nbr_settings_yaml({ reason: doc.errors[0]!.message.split('\n')[0] ?? '' }));
  const raw = (doc.toJS() ?? {}) as Record<string, unknown>;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new Error(m.dt_nbr_settings_lines());
  const list = (v: unknown): string[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);
  const type = raw.type === undefined ? 'line' : raw.type;
  if (type !== 'line' && type !== 'bar') throw new Error(m.dt_nbr_chart_type({ type: String(type) }));
  const spec: ViewSpec = {
    type,
    x: raw.x === undefined ? null : String(raw.x),
    y: list(raw.y),
    series: raw.series === undefined ? null : String(raw.series),
    stack: raw.stack === true,
    columns: list(raw.columns),
    title: raw.title === undefined ? null : String(raw.title),
    limit: raw.limit === undefined ? null : Number(raw.limit),
  };
  if (kind === 'chart' && (!spec.x || spec.y.length === 0)) throw new Error(m.dt_nbr_chart_xy());
  if (spec.limit !== null && !(Number.isInteger(spec.limit) && spec.limit > 0)) throw new Error(m.dt_nbr_limit());
  return spec;
}

function fenceBlock(token: Token, line: number, names: Set<string>): ParsedBlock | null {
  const { lang, attrs } = parseFenceInfo(token.info);
  const source = token.content;
  const invalid = (message: string): ParsedBlock => ({ kind: 'invalid', line, label: token.info.trim(), source, error: { message, line } });
  if (lang === 'sql') {
    if (attrs.name === undefined) return null; // an unnamed ```sql fence is an example, shown as code
    if (!BLOCK_NAME.test(attrs.name)) return invalid(m.dt_nbr_block_name({ name: attrs.name }));
    if (names.has(attrs.name)) return invalid(m.dt_nbr_block_dup({ name: attrs.name }));
    names.add(attrs.name);
    return { kind: 'sql', line, name: attrs.name, sql: source, hidden: 'hidden' in attrs };
  }
  if (lang === 'chart' || lang === 'table') {
    if (!attrs.query) return invalid(m.dt_nbr_block_query({ lang, example: `\`\`\`${lang} query=<name of a sql block>` }));
    try {
      return { kind: lang, line, query: attrs.query, spec: parseViewSpec(lang, source) };
    } catch (err) {
      return invalid(m.dt_nbr_block_prefixed({ lang, message: (err as Error).message }));
    }
  }
  return null;
}

/** Parses a notebook's text; never throws for what an author wrote (problems are blocks of kind invalid, or frontMatterError). */
export function parseNotebook(source: string): ParsedNotebook {
  const { yaml, body, bodyLine } = splitFrontMatter(source);
  const front = parseFrontMatter(yaml);
  const tokens = markdown.parse(body, {});
  const blocks: ParsedBlock[] = [];
  const names = new Set<string>();
  let prose: Token[] = [];
  let proseLine = bodyLine;
  const flush = () => {
    if (prose.length > 0) blocks.push({ kind: 'markdown', line: proseLine, html: markdown.renderer.render(prose, markdown.options, {}) });
    prose = [];
  };
  for (const token of tokens) {
    const line = bodyLine + (token.map?.[0] ?? 0);
    const block = token.type === 'fence' ? fenceBlock(token, line, names) : null;
    if (block) {
      flush();
      blocks.push(block);
    } else {
      if (prose.length === 0) proseLine = line;
      prose.push(token);
    }
  }
  flush();
  return { ...front, blocks };
}
