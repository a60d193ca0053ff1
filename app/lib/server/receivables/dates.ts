import { dateTimeFormat } from '../../intl-formats.ts';

/** Calendar days ('YYYY-MM-DD') in the business time zone, for as-of dates and month ends. */

/** The calendar day of `now` in the IANA zone `timeZone`, 'YYYY-MM-DD': the default as-of date. */
export function businessToday(timeZone: string, now: Date = new Date()): string {
  const parts = dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: 'year' | 'month' | 'day') => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The last day of the month `months` months after the month of `day` (0: its own month end). */
function monthEnd(day: string, months: number): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  // Day 0 of the following month is the last day of this one.
  return new Date(Date.UTC(y, m - 1 + months + 1, 0)).toISOString().slice(0, 10);
}

/**
 * The last `count` month ends on or before `day`, oldest first. A day that is itself a month end is
 * the last one; otherwise the series stops at the end of the previous month.
 * e.g. ('2026-03-15', 3) → ['2025-12-31', '2026-01-31', '2026-02-28'].
 */
export function monthEndsUntil(day: string, count: number): string[] {
  const last = monthEnd(day, 0) === day ? 0 : -1;
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) out.push(monthEnd(day, last - i));
  return out;
}

/** 'YYYY-MM' of a day. */
export function monthOfDay(day: string): string {
  return day.slice(0, 7);
}
