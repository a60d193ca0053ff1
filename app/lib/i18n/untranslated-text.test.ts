import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { englishWords, findBareText } from './untranslated-text.ts';

const APP = path.resolve(import.meta.dirname, '..', '..');

function svelteFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'paraglide' ? [] : svelteFiles(full);
    return e.name.endsWith('.svelte') ? [full] : [];
  });
}

describe('untranslated text in markup', () => {
  it('finds text between tags and in readable attributes, not in expressions or code', () => {
    const source = [
      '<script>let n = 1;</script>',
      '<h1>Aging report</h1>',
      '<p>{m.title()} · {n}</p>',
      '<input placeholder="Search customers" name="query" />',
      '{#if n}<span title={m.hint()}>MRR · CSV</span>{:else}<em>Nothing here</em>{/if}',
      '<code>select amount_minor from invoices</code>',
      '<style>h1 { color: red; }</style>',
    ].join('\n');
    expect(findBareText(source)).toEqual([
      { line: 2, text: 'Aging report' },
      { line: 4, text: 'Search customers' },
      { line: 5, text: 'Nothing here' },
    ]);
  });

  it('lets codes, units and entities through', () => {
    expect(englishWords('MRR, ARR &amp; CSV (RUB) GB')).toEqual([]);
    expect(englishWords('Net revenue retention')).toEqual(['Net', 'revenue', 'retention']);
  });

  it('no page or component writes English straight into its markup (both languages come from app/lib/i18n/messages)', () => {
    const bare = svelteFiles(APP).flatMap((file) =>
      findBareText(fs.readFileSync(file, 'utf8')).map((t) => `${path.relative(APP, file)}:${t.line} ${t.text}`),
    );
    expect(bare).toEqual([]);
  });
});
