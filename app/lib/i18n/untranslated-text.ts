import { parse } from 'svelte/compiler';

/**
 * Finds English words written straight into Svelte markup, where no translation can reach them:
 * text between tags and the readable attributes (title, placeholder, alt, aria-label, label). Text
 * inside `{…}` comes from code (a message function, a figure) and is not looked at; neither is
 * `<code>`, `<pre>`, `<kbd>` or `<samp>` (SQL, file names and identifiers stay as they are).
 * Used by untranslated-text.test.ts, which keeps every page Russian-and-English.
 */
export interface BareText {
  readonly line: number;
  readonly text: string;
}

/** Words that read the same in both languages here: codes, units and product names. */
const SAME_IN_BOTH = new Set([
  'MRR', 'ARR', 'ARPU', 'LTV', 'GRR', 'NRR', 'DSO', 'CEI', 'ADD', 'CSV', 'PNG', 'XLSX', 'SQL', 'API', 'JSON', 'HMAC', 'URL',
  'UTC', 'ID', 'FX', 'RUB', 'USD', 'EUR', 'ONNX', 'AUC', 'PR', 'ROC', 'Parquet', 'Arrow', 'DuckDB', 'PostgreSQL', 'Postgres',
  'Ledgerlens', 'OpenAPI', 'sMAPE', 'MASE', 'WAPE', 'ETS', 'ARIMA', 'Theta', 'SHA', 'GB', 'MB', 'KB', 'SMS', 'IFRS', 'ECL',
  'cron', 'Prometheus', 'ok', 'vs',
  'English', // a language's name is written in that language on the switch
]);
const READABLE_ATTRIBUTES = new Set(['title', 'placeholder', 'alt', 'aria-label', 'label']);
const VERBATIM_ELEMENTS = new Set(['code', 'pre', 'kbd', 'samp', 'style', 'script']);

/** The English words left once codes, units and entities are taken out. */
export function englishWords(text: string): string[] {
  const words = text.replace(/&[a-z]+;|&#\d+;/g, ' ').match(/[A-Za-z][A-Za-z'-]*/g) ?? [];
  return words.filter((w) => w.length > 1 && !SAME_IN_BOTH.has(w) && !SAME_IN_BOTH.has(w.toUpperCase()));
}

interface Node {
  type: string;
  name?: string;
  data?: string;
  start: number;
  value?: true | Node | Node[];
  attributes?: Node[];
  fragment?: { nodes: Node[] };
  [key: string]: unknown;
}

export function findBareText(source: string): BareText[] {
  const ast = parse(source, { modern: true }) as unknown as { fragment: { nodes: Node[] } };
  const found: BareText[] = [];
  const lineOf = (offset: number) => source.slice(0, offset).split('\n').length;
  const report = (text: string, at: number) => {
    if (englishWords(text).length) found.push({ line: lineOf(at), text: text.trim().replace(/\s+/g, ' ').slice(0, 80) });
  };
  const visit = (node: Node): void => {
    if (node.type === 'Text') return report(node.data ?? '', node.start);
    if (node.type === 'RegularElement' || node.type === 'Component' || node.type === 'SvelteElement') {
      if (node.name && VERBATIM_ELEMENTS.has(node.name)) return;
      for (const attribute of node.attributes ?? []) {
        if (attribute.type !== 'Attribute' || !READABLE_ATTRIBUTES.has(attribute.name ?? '')) continue;
        const parts = Array.isArray(attribute.value) ? attribute.value : [];
        for (const part of parts) if (part.type === 'Text') report(part.data ?? '', part.start);
      }
    }
    // Blocks ({#if}, {#each}, snippets) keep their children under several keys: walk every fragment.
    for (const value of Object.values(node)) {
      if (value && typeof value === 'object' && 'nodes' in (value as object)) for (const child of (value as { nodes: Node[] }).nodes) visit(child);
    }
  };
  for (const node of ast.fragment.nodes) visit(node);
  return found;
}
