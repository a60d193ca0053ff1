/** Display helpers of the collections pages (shared by the queue and the case page). */
import { intlLocale } from '../format.ts';

/** A fraction 0–1 as "42%". */
export function formatShare(share: number): string {
  return new Intl.NumberFormat(intlLocale(), { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/** An audit event kind as words: 'promise_recorded' → 'Promise recorded'. */
export function eventLabel(kind: string): string {
  const words = kind.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A short, stable rendering of an audit payload for the history table (bigints are already strings there). */
export function payloadSummary(payload: Record<string, unknown>): string {
  return Object.entries(payload)
    .filter(([, v]) => v !== null && v !== '' && typeof v !== 'object')
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(' · ');
}
