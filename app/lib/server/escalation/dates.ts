/** Calendar-day arithmetic on 'YYYY-MM-DD' strings, via UTC day numbers: no time zones, no DST. */
import { EscalationError } from './errors.ts';
import type { IsoDate } from './types.ts';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

// Valid dates already parsed: the policy replay calls the engine ~10^5 times over the same few
// hundred days, and parsing was most of its time. Bounded (a century of days) so it cannot grow without limit.
const KNOWN_DAYS = new Map<string, number>();
const MAX_KNOWN_DAYS = 36_600;

/** Days since 1970-01-01 for a 'YYYY-MM-DD' date; throws BAD_DATE for anything else (including 2025-02-30). */
export function dayNumber(date: IsoDate, field = 'date'): number {
  const known = KNOWN_DAYS.get(date);
  if (known !== undefined) return known;
  const match = ISO_DATE.exec(date);
  if (match) {
    const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
    // Date.UTC rolls 02-30 over to 03-02; the round trip catches it.
    if (new Date(ms).toISOString().slice(0, 10) === date) {
      if (KNOWN_DAYS.size < MAX_KNOWN_DAYS) KNOWN_DAYS.set(date, ms / MS_PER_DAY);
      return ms / MS_PER_DAY;
    }
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
