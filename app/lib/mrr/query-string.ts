import type { MovementKind, MrrInput } from '../server/mrr/types.ts';
import { settingsSearch } from './settings.ts';

/** Links of the MRR pages. The URL is the state: every view can be bookmarked and shared. */

/** The request's parameters (defaults left out), with `extra` on top; null or '' removes a parameter. */
export function mrrSearch(input: MrrInput, range: { from: string; to: string } | null, extra: Record<string, string | null> = {}): URLSearchParams {
  const search = new URLSearchParams();
  if (range) {
    search.set('from', range.from);
    search.set('to', range.to);
  }
  if (input.period !== 'month') search.set('period', input.period);
  if (input.groupBy !== 'none') search.set('groupBy', input.groupBy);
  for (const [k, v] of Object.entries(input.filters)) if (v !== null) search.set(k, v);
  for (const [k, v] of Object.entries(settingsSearch(input.settings))) search.set(k, v);
  for (const [k, v] of Object.entries(extra)) {
    if (v === null || v === '') search.delete(k);
    else search.set(k, v);
  }
  return search;
}

/** The customers behind one bridge figure: months first–last (a period), one currency, a kind, an optional group. */
export function movementsHref(
  input: MrrInput,
  target: { from: string; to: string; currency: string; kind: MovementKind | null; group?: { by: MrrInput['groupBy']; key: string } },
): string {
  const extra: Record<string, string | null> = { currency: target.currency, kind: target.kind ?? 'all', period: null, groupBy: null };
  if (target.group && target.group.by !== 'none') extra[target.group.by] = target.group.key;
  const search = mrrSearch(input, null, extra);
  if (target.from === target.to) search.set('month', target.from);
  else {
    search.set('from', target.from);
    search.set('to', target.to);
  }
  return `/mrr/movements?${search}`;
}

export function csvHref(path: string, search: URLSearchParams): string {
  const s = new URLSearchParams(search);
  s.set('format', 'csv');
  return `${path}?${s}`;
}
