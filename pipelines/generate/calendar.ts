/** Wall-clock time in the business time zone to UTC instants, without a date library. */

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** Offset of `zone` from UTC at the instant `utcMs`, in milliseconds. */
export function zoneOffsetMs(zone: string, utcMs: number): number {
  // Offsets change at most on the hour; caching per hour keeps the generator fast (Intl is slow).
  let cache = offsetCache.get(zone);
  if (!cache) offsetCache.set(zone, (cache = new Map()));
  const hourKey = Math.floor(utcMs / 3_600_000);
  const hit = cache.get(hourKey);
  if (hit !== undefined) return hit;
  const offset = computeOffset(zone, hourKey * 3_600_000);
  cache.set(hourKey, offset);
  return offset;
}

const offsetCache = new Map<string, Map<number, number>>();

function computeOffset(zone: string, utcMs: number): number {
  let fmt = offsetFormatters.get(zone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    offsetFormatters.set(zone, fmt);
  }
  const parts = Object.fromEntries(fmt.formatToParts(new Date(utcMs)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** UTC milliseconds of a local wall-clock time in `zone` (month is 0-based, days may overflow). */
export function localToUtcMs(zone: string, year: number, month: number, day: number, hour = 0, minute = 0): number {
  const wall = Date.UTC(year, month, day, hour, minute);
  let utc = wall - zoneOffsetMs(zone, wall);
  utc = wall - zoneOffsetMs(zone, utc); // second pass settles DST edges
  return utc;
}

export interface MonthRef {
  /** Months since year 0, so months compare and subtract as integers. */
  readonly index: number;
  readonly year: number;
  /** 0-based. */
  readonly month: number;
}

export function monthRef(index: number): MonthRef {
  return { index, year: Math.floor(index / 12), month: index % 12 };
}

export function monthOf(date: Date): MonthRef {
  return monthRef(date.getUTCFullYear() * 12 + date.getUTCMonth());
}

export function daysInMonth(m: MonthRef): number {
  return new Date(Date.UTC(m.year, m.month + 1, 0)).getUTCDate();
}

export function isoDate(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month, day)).toISOString().slice(0, 10);
}

/** Public holidays with a usage peak (Russian calendar: New Year week, 23 Feb, 8 March, May days, 12 June, 4 Nov). */
export function isHoliday(month: number, day: number): boolean {
  return (
    (month === 0 && day <= 8) ||
    (month === 1 && day === 23) ||
    (month === 2 && day === 8) ||
    (month === 4 && (day <= 3 || (day >= 8 && day <= 10))) ||
    (month === 5 && day === 12) ||
    (month === 10 && day === 4) ||
    (month === 11 && day === 31)
  );
}

/** A Date whose UTC fields read as the wall clock in `zone` at `utcMs`. */
export function wallClock(zone: string, utcMs: number): Date {
  return new Date(utcMs + zoneOffsetMs(zone, utcMs));
}

/** Month index (months since year 0) of an instant, in the business time zone. */
export function monthIndexAt(zone: string, utcMs: number): number {
  const d = wallClock(zone, utcMs);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}
