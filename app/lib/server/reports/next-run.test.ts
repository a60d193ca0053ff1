import { describe, expect, it } from 'vitest';
import { checkRule, nextRun, ScheduleRuleError, upcomingRuns, zonedTimeToInstant, type ScheduleRule } from './next-run.ts';

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe('first working day of the month (Europe/Berlin, 09:00)', () => {
  const rule: ScheduleRule = { kind: 'first_working_day', time: '09:00', timezone: 'Europe/Berlin', holidays: ['2026-01-01', '2026-05-01'] };

  it('skips weekends and listed holidays, and keeps 09:00 local across both DST changes', () => {
    expect(iso(upcomingRuns(rule, new Date('2025-12-15T00:00:00Z'), 12))).toEqual([
      '2026-01-02T08:00:00.000Z', // 1 Jan (Thursday) is a holiday → Friday 2 Jan, CET (+1)
      '2026-02-02T08:00:00.000Z', // 1 Feb is a Sunday
      '2026-03-02T08:00:00.000Z', // 1 Mar is a Sunday; still CET
      '2026-04-01T07:00:00.000Z', // clocks went forward on 29 March: CEST (+2)
      '2026-05-04T07:00:00.000Z', // 1 May (Friday) is a holiday, then the weekend
      '2026-06-01T07:00:00.000Z',
      '2026-07-01T07:00:00.000Z',
      '2026-08-03T07:00:00.000Z', // 1 Aug is a Saturday
      '2026-09-01T07:00:00.000Z',
      '2026-10-01T07:00:00.000Z',
      '2026-11-02T08:00:00.000Z', // back to CET on 25 October; 1 Nov is a Sunday
      '2026-12-01T08:00:00.000Z',
    ]);
  });

  it('is strictly after the given instant, and the same month when that month’s run is still ahead', () => {
    expect(nextRun(rule, new Date('2026-01-02T07:59:59Z')).toISOString()).toBe('2026-01-02T08:00:00.000Z');
    expect(nextRun(rule, new Date('2026-01-02T08:00:00Z')).toISOString()).toBe('2026-02-02T08:00:00.000Z');
    // 23:30 UTC on 31 March is already 1 April in Berlin: April's run is that morning.
    expect(nextRun(rule, new Date('2026-03-31T23:30:00Z')).toISOString()).toBe('2026-04-01T07:00:00.000Z');
  });

  it('in Moscow (no DST) 09:00 is 06:00 UTC; the New Year holidays move January to the 11th', () => {
    const moscow: ScheduleRule = { kind: 'first_working_day', time: '09:00', timezone: 'Europe/Moscow', holidays: ['2027-01-01', '2027-01-04', '2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08'] };
    expect(iso(upcomingRuns(moscow, new Date('2026-11-30T12:00:00Z'), 2))).toEqual(['2026-12-01T06:00:00.000Z', '2027-01-11T06:00:00.000Z']);
  });
});

describe('cron in a time zone', () => {
  it('0 9 * * * in Berlin: 08:00 UTC before the spring change, 07:00 after', () => {
    const rule: ScheduleRule = { kind: 'cron', cron: '0 9 * * *', timezone: 'Europe/Berlin', holidays: [] };
    expect(iso(upcomingRuns(rule, new Date('2026-03-27T12:00:00Z'), 3))).toEqual(['2026-03-28T08:00:00.000Z', '2026-03-29T07:00:00.000Z', '2026-03-30T07:00:00.000Z']);
    expect(iso(upcomingRuns(rule, new Date('2026-10-24T12:00:00Z'), 2))).toEqual(['2026-10-25T08:00:00.000Z', '2026-10-26T08:00:00.000Z']);
  });

  it('local midnight on the 1st is the evening of the month’s last day in UTC', () => {
    const rule: ScheduleRule = { kind: 'cron', cron: '0 0 1 * *', timezone: 'Europe/Berlin', holidays: [] };
    expect(iso(upcomingRuns(rule, new Date('2026-01-15T00:00:00Z'), 4))).toEqual([
      '2026-01-31T23:00:00.000Z',
      '2026-02-28T23:00:00.000Z',
      '2026-03-31T22:00:00.000Z', // April 1st 00:00 CEST
      '2026-04-30T22:00:00.000Z',
    ]);
  });

  it('passes over an occurrence on a listed holiday (a day in the schedule’s zone)', () => {
    const rule: ScheduleRule = { kind: 'cron', cron: '0 9 * * 1-5', timezone: 'Europe/Berlin', holidays: ['2026-05-01'] };
    expect(iso(upcomingRuns(rule, new Date('2026-04-30T08:00:00Z'), 2))).toEqual(['2026-05-04T07:00:00.000Z', '2026-05-05T07:00:00.000Z']);
  });
});

describe('rules that do not read', () => {
  it('names the field to fix', () => {
    const fieldOf = (rule: ScheduleRule) => {
      try {
        checkRule(rule);
        return null;
      } catch (err) {
        return (err as ScheduleRuleError).field;
      }
    };
    expect(fieldOf({ kind: 'cron', cron: '0 9 * *', timezone: 'UTC', holidays: [] })).toBe('cron');
    expect(fieldOf({ kind: 'cron', cron: '0 25 * * *', timezone: 'UTC', holidays: [] })).toBe('cron');
    expect(fieldOf({ kind: 'cron', cron: '0 9 * * *', timezone: 'Mars/Olympus', holidays: [] })).toBe('timezone');
    expect(fieldOf({ kind: 'first_working_day', time: '9am', timezone: 'UTC', holidays: [] })).toBe('time');
    expect(fieldOf({ kind: 'first_working_day', time: '09:00', timezone: 'UTC', holidays: ['2026-02-30'] })).toBe('holidays');
    expect(fieldOf({ kind: 'first_working_day', time: '09:00', timezone: 'UTC', holidays: [] })).toBeNull();
  });
});

describe('zonedTimeToInstant', () => {
  it('maps wall times to instants, moving a skipped time past the gap and taking the first of a repeated one', () => {
    expect(zonedTimeToInstant(2026, 3, 29, 1, 30, 'Europe/Berlin').toISOString()).toBe('2026-03-29T00:30:00.000Z');
    expect(zonedTimeToInstant(2026, 3, 29, 2, 30, 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z'); // 02:30 does not exist → 03:30 CEST
    expect(zonedTimeToInstant(2026, 10, 25, 2, 30, 'Europe/Berlin').toISOString()).toBe('2026-10-25T00:30:00.000Z'); // first 02:30 (CEST)
    expect(zonedTimeToInstant(2026, 12, 1, 9, 0, 'Europe/Moscow').toISOString()).toBe('2026-12-01T06:00:00.000Z');
  });
});
