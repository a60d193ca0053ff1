/**
 * A Markdown section as the PDF prints it: the HTML markdown-it rendered (raw HTML off, so only its
 * own tags) read back as headings, paragraphs, list items, code and table rows of plain text.
 */
export type ProseItem =
  | { readonly kind: 'heading'; readonly level: number; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'item'; readonly marker: string; readonly text: string }
  | { readonly kind: 'code'; readonly text: string }
  | { readonly kind: 'rule' };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: '\u00a0' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#') && name !== '#39') return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name] ?? whole;
  });
}

function inlineText(html: string): string {
  return decodeEntities(html.replace(/<br\s*\/?>/g, '\n').replace(/<[^>]+>/g, '')).replace(/[ \t]*\n[ \t]*/g, ' ').trim();
}

const BLOCK = /<(h[1-6]|p|ul|ol|pre|blockquote|table)(?:\s[^>]*)?>([\s\S]*?)<\/\1>|<hr\s*\/?>/g;

export function proseItems(html: string): ProseItem[] {
  const out: ProseItem[] = [];
  for (const m of html.matchAll(BLOCK)) {
    const [whole, tag, inner = ''] = m;
    if (!tag) {
      if (whole.startsWith('<hr')) out.push({ kind: 'rule' });
      continue;
    }
    if (tag[0] === 'h') out.push({ kind: 'heading', level: Number(tag[1]), text: inlineText(inner) });
    else if (tag === 'p') out.push({ kind: 'paragraph', text: inlineText(inner) });
    else if (tag === 'pre') out.push({ kind: 'code', text: decodeEntities(inner.replace(/<[^>]+>/g, '')).replace(/\n$/, '') });
    else if (tag === 'blockquote') out.push(...proseItems(inner).map((i) => (i.kind === 'paragraph' ? { ...i, text: `“${i.text}”` } : i)));
    else if (tag === 'table') {
      for (const row of inner.matchAll(/<tr>([\s\S]*?)<\/tr>/g)) {
        const cells = [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => inlineText(c[1]!));
        out.push({ kind: 'paragraph', text: cells.join('  |  ') });
      }
    } else {
      let n = 0;
      for (const li of inner.matchAll(/<li>([\s\S]*?)<\/li>/g)) {
        n += 1;
        out.push({ kind: 'item', marker: tag === 'ol' ? `${n}.` : '•', text: inlineText(li[1]!) });
      }
    }
  }
  return out;
}
