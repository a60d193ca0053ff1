import { m } from '$lib/paraglide/messages.js';
import { CronExpressionParser } from 'cron-parser';

/**
 * When a scheduled report runs: a cron expression read in an IANA time zone (cron-parser does the
 * zone and DST arithmetic), or the "first working day of the month" rule (Monday–Friday at a local
 * time, skipping the holidays listed). Holidays are skipped by both rules: a cron occurrence on a
 * listed day (a calendar day in the schedule's zone) is passed over.
 */
export type ScheduleRule =
  | { readonly kind: 'cron'; readonly cron: string; readonly timezone: string; readonly holidays: readonly string[] }
  | { readonly kind: 'first_working_day'; readonly time: string; readonly timezone: string; readonly holidays: readonly string[] };

export class ScheduleRuleError extends Error {
  readonly code = 'BAD_SCHEDULE_RULE';
  constructor(
    readonly field: 'cron' | 'time' | 'timezone' | 'holidays',
    message: string,
  ) {
    super(message);
  }
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** A year and a half of daily occurrences all on holidays means the list is wrong, not the calendar. */
const MAX_SKIPS = 550;

/** The calendar parts of an instant in a zone. */
export function zonedParts(instant: Date, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; weekday: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    weekday: 'short',
  }).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  return { year: Number(get('year')), month: Number(get('month')), day: Number(get('day')), hour: Number(get('hour')), minute: Number(get('minute')), weekday };
}

/** YYYY-MM-DD of an instant in a zone. */
export function zonedDay(instant: Date, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** Milliseconds the zone is ahead of UTC at an instant. */
function offsetMs(instant: number, timeZone: string): number {
  const p = zonedParts(new Date(instant), timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  return asUtc - Math.floor(instant / 60_000) * 60_000;
}

/**
 * The instant of a wall-clock time in a zone. A time that does not exist (the hour skipped when
 * clocks go forward) becomes the same number of minutes past the gap, as cron-parser does; a time
 * that exists twice (clocks go back) is the first of the two.
 */
export function zonedTimeToInstant(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // Offsets half a day either side cover any change of the zone's offset near this wall time.
  const before = offsetMs(wall - 43_200_000, timeZone);
  const after = offsetMs(wall + 43_200_000, timeZone);
  const candidates = [wall - before, wall - after].filter((t) => {
    const p = zonedParts(new Date(t), timeZone);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) === wall;
  });
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  // In the gap: the wall time read with the offset from before it, i.e. as many minutes past the gap.
  return new Date(wall - before);
}

/** Checks a zone name with Intl; throws ScheduleRuleError. */
export function checkZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone }).format(0);
  } catch {
    throw new ScheduleRuleError('timezone', m.dt_sc_err_zone({ zone: timeZone }));
  }
  return timeZone;
}

/** Checks a rule's fields (cron syntax, HH:MM, zone, holiday dates); throws ScheduleRuleError naming the field. */
export function checkRule(rule: ScheduleRule): void {
  checkZone(rule.timezone);
  for (const day of rule.holidays) {
    if (!DAY.test(day) || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) {
      throw new ScheduleRuleError('holidays', m.dt_sc_err_holiday({ day }));
    }
  }
  if (rule.kind === 'first_working_day') {
    if (!TIME.test(rule.time)) throw new ScheduleRuleError('time', m.dt_sc_err_time({ time: rule.time }));
    return;
  }
  if (rule.cron.trim().split(/\s+/).length !== 5) {
    throw new ScheduleRuleError('cron', m.dt_sc_err_cron_fields({ cron: rule.cron }));
  }
  try {
    CronExpressionParser.parse(rule.cron, { tz: rule.timezone, strict: false });
  } catch (err) {
    throw new ScheduleRuleError('cron', m.dt_sc_err_cron({ cron: rule.cron, reason: (err as Error).message }));
  }
}

function firstWorkingDay(year: number, month: number, holidays: ReadonlySet<string>): number {
  for (let day = 1; day <= 31; day++) {
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCMonth() !== month - 1) break;
    const weekday = date.getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    if (holidays.has(date.toISOString().slice(0, 10))) continue;
    return day;
  }
  throw new ScheduleRuleError('holidays', m.dt_sc_err_all_holidays({ month: `${year}-${String(month).padStart(2, '0')}` }));
}

/** The first run strictly after `after`. */
export function nextRun(rule: ScheduleRule, after: Date): Date {
  checkRule(rule);
  const holidays = new Set(rule.holidays);
  if (rule.kind === 'first_working_day') {
    const [hour, minute] = rule.time.split(':').map(Number) as [number, number];
    const local = zonedParts(after, rule.timezone);
    let year = local.year;
    let month = local.month;
    for (;;) {
      const day = firstWorkingDay(year, month, holidays);
      const at = zonedTimeToInstant(year, month, day, hour, minute, rule.timezone);
      if (at.getTime() > after.getTime()) return at;
      month += 1;
      if (month === 13) {
        month = 1;
        year += 1;
      }
    }
  }
  const interval = CronExpressionParser.parse(rule.cron, { currentDate: after, tz: rule.timezone, strict: false });
  for (let i = 0; i < MAX_SKIPS; i++) {
    const at = interval.next().toDate();
    if (!holidays.has(zonedDay(at, rule.timezone))) return at;
  }
  throw new ScheduleRuleError('holidays', m.dt_sc_err_cron_holidays({ count: String(MAX_SKIPS), cron: rule.cron }));
}

/** The next `count` runs after `after` (the schedules page shows them). */
export function upcomingRuns(rule: ScheduleRule, after: Date, count: number): Date[] {
  const out: Date[] = [];
  let at = after;
  for (let i = 0; i < count; i++) {
    at = nextRun(rule, at);
    out.push(at);
  }
  return out;
}
