import { describe, expect, it } from 'vitest';
import { addMonths, isMonthString, monthLabel, monthOf, monthRange, monthSpan, type MonthString } from './months.ts';

const m = (s: string) => s as MonthString;

describe('months', () => {
  it('validates YYYY-MM', () => {
    expect(isMonthString('2025-01')).toBe(true);
    expect(isMonthString('2025-13')).toBe(false);
    expect(isMonthString('2025-1')).toBe(false);
    expect(isMonthString('2025-01-01')).toBe(false);
  });

  it('adds months across years', () => {
    expect(addMonths(m('2025-01'), -1)).toBe('2024-12');
    expect(addMonths(m('2024-12'), 13)).toBe('2026-01');
    expect(addMonths(m('2025-03'), -12)).toBe('2024-03');
  });

  it('lists ranges inclusively', () => {
    expect(monthRange(m('2024-11'), m('2025-02'))).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    expect(monthSpan(m('2024-11'), m('2025-02'))).toBe(4);
    expect(monthSpan(m('2025-02'), m('2025-01'))).toBe(0);
  });

  it('buckets an instant in the business time zone', () => {
    const instant = new Date('2025-01-31T22:30:00Z');
    expect(monthOf(instant, 'UTC')).toBe('2025-01');
    expect(monthOf(instant, 'Europe/Moscow')).toBe('2025-02');
  });

  it('labels months', () => {
    expect(monthLabel(m('2025-01'))).toBe('Jan 2025');
  });
});
