/** Display helpers of the ladder page. */
import { m } from '$lib/paraglide/messages.js';
import { intlLocale } from '../format.ts';

/** A rate 0–1 as "42.5%", or a dash when undefined. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : new Intl.NumberFormat(intlLocale(), { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

/** Median days, e.g. "4 d" or "3.5 d"; a dash when nothing was cured. */
export function formatDays(days: number | null): string {
  return days === null ? '—' : m.cl_days_short({ days: new Intl.NumberFormat(intlLocale(), { maximumFractionDigits: 1 }).format(days) });
}

/** A count with thousands separators. */
export function formatInt(value: number): string {
  return new Intl.NumberFormat(intlLocale()).format(value);
}

/** The URL of the same view with other parameters (empty values dropped). */
export function ladderHref(base: Record<string, string | null>, extra: Record<string, string> = {}, path = '/collections/ladder'): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...base, ...extra })) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}
