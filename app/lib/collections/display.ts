/** Display helpers of the collections pages (shared by the queue and the case page). */
import { m } from '$lib/paraglide/messages.js';
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

/**
 * The default ladder's step labels (app/lib/server/escalation/default-policy.ts) in the page's
 * language. A policy stores its labels as typed; a label someone wrote themselves stays as written.
 */
const DEFAULT_STEP_LABELS: Record<string, () => string> = {
  'Reminder 1': m.cl_step_reminder_1,
  'Reminder 2': m.cl_step_reminder_2,
  'Late fee': m.cl_step_late_fee,
  'Service suspension': m.cl_step_suspension,
  'Hand-off to collection agency': m.cl_step_agency,
  'Personal call': m.cl_step_personal_call,
};

export function stepLabel(label: string): string {
  return DEFAULT_STEP_LABELS[label]?.() ?? label;
}

/** The word a message table has for an enum value (a status, a kind), else `fallback`. */
export function wordOf(table: Readonly<Record<string, () => string>>, key: string, fallback: string = key): string {
  return table[key]?.() ?? fallback;
}
