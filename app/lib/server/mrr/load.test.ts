import { describe, expect, it } from 'vitest';
import type { MonthString } from '../../months.ts';
import { periodStart, resolveRange } from './load.ts';

const m = (s: string) => s as MonthString;

describe('resolveRange', () => {
  it('shows the last 24 months with data by default, not before the first', () => {
    expect(resolveRange({ from: null, to: null }, { first: m('2020-01'), last: m('2026-11'), lastClosed: m('2026-11') })).toEqual({ from: '2024-12', to: '2026-11' });
    expect(resolveRange({ from: null, to: null }, { first: m('2026-01'), last: m('2026-07'), lastClosed: m('2026-07') })).toEqual({ from: '2026-01', to: '2026-07' });
  });
  it('ends at the last closed month, not the month still running', () => {
    expect(resolveRange({ from: null, to: null }, { first: m('2020-01'), last: m('2026-11'), lastClosed: m('2026-10') })).toEqual({ from: '2024-11', to: '2026-10' });
  });
  it('keeps what the request says, and a lone from after the data ends there', () => {
    expect(resolveRange({ from: m('2025-03'), to: m('2025-05') }, { first: m('2020-01'), last: m('2026-11'), lastClosed: m('2026-11') })).toEqual({ from: '2025-03', to: '2025-05' });
    expect(resolveRange({ from: m('2027-02'), to: null }, { first: m('2020-01'), last: m('2026-11'), lastClosed: m('2026-11') })).toEqual({ from: '2027-02', to: '2027-02' });
    expect(resolveRange({ from: null, to: m('2025-06') }, { first: m('2020-01'), last: m('2026-11'), lastClosed: m('2026-11') })).toEqual({ from: '2023-07', to: '2025-06' });
  });
});

describe('periodStart', () => {
  it('gives the first month of the month, quarter or year', () => {
    expect(['2026-01', '2026-03', '2026-04', '2026-12'].map((x) => periodStart(m(x), 'quarter'))).toEqual(['2026-01', '2026-01', '2026-04', '2026-10']);
    expect(periodStart(m('2026-08'), 'year')).toBe('2026-01');
    expect(periodStart(m('2026-08'), 'month')).toBe('2026-08');
  });
});
