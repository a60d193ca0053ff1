import { describe, expect, it } from 'vitest';
import { businessToday, monthEndsUntil } from './dates.ts';

describe('businessToday', () => {
  it('reads the calendar day in the business time zone', () => {
    // 21:30 UTC on 31 March is already 1 April in Moscow (UTC+3), still 31 March in New York.
    const instant = new Date('2026-03-31T21:30:00Z');
    expect(businessToday('Europe/Moscow', instant)).toBe('2026-04-01');
    expect(businessToday('America/New_York', instant)).toBe('2026-03-31');
    expect(businessToday('UTC', instant)).toBe('2026-03-31');
  });
});

describe('monthEndsUntil', () => {
  it('stops at the previous month end inside a month', () => {
    expect(monthEndsUntil('2026-03-15', 3)).toEqual(['2025-12-31', '2026-01-31', '2026-02-28']);
  });
  it('includes the day itself when it is a month end, and leap days', () => {
    expect(monthEndsUntil('2024-03-31', 2)).toEqual(['2024-02-29', '2024-03-31']);
  });
  it('gives twelve month ends across a year boundary', () => {
    const ends = monthEndsUntil('2026-01-10', 12);
    expect(ends).toHaveLength(12);
    expect(ends[0]).toBe('2025-01-31');
    expect(ends[11]).toBe('2025-12-31');
  });
});
