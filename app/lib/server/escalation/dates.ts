/** Calendar-day arithmetic on 'YYYY-MM-DD' strings, via UTC day numbers: no time zones, no DST. */
import { EscalationError } from './errors.ts';
import type { IsoDate } from './types.ts';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 for a 'YYYY-MM-DD' date; throws BAD_DATE for anything else (including 2025-02-30). */
export function dayNumber(date: IsoDate, field = 'date'): number {
  const match = ISO_DATE.exec(date);
  if (match) {
    const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
    // Date.UTC rolls 02-30 over to 03-02; the round trip catches it.
    if (new Date(ms).toISOString().slice(0, 10) === date) return ms / MS_PER_DAY;
  }
  throw new EscalationError('BAD_DATE', field, `${field} "${date}" is not a calendar date written YYYY-MM-DD`);
}

export function fromDayNumber(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** `to` − `from` in days (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}
