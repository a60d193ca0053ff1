import { describe, expect, it } from 'vitest';
import type { MonthString } from '../months.ts';
import { parsePart, parseReportFilterInput, parseTop, previousYear, resolveReportFilters } from './report-input.ts';

const q = (s: string) => new URLSearchParams(s);

describe('report filters', () => {
  it('defaults to the twelve months ending at the latest month with data', () => {
    const filters = resolveReportFilters(parseReportFilterInput(q('segment=smb')), '2026-04' as MonthString);
    expect(filters).toEqual({ from: '2025-05', to: '2026-04', segment: 'smb', region: null });
    expect(previousYear(filters)).toMatchObject({ from: '2024-05', to: '2025-04' });
    expect(resolveReportFilters(parseReportFilterInput(q('from=2026-06')), '2026-04' as MonthString)).toMatchObject({ from: '2026-06', to: '2026-06' });
  });

  it('rejects bad months, reversed or overlong ranges, bad top and part with a code and the parameter', () => {
    expect(() => parseReportFilterInput(q('from=2026-13'))).toThrow(expect.objectContaining({ code: 'BAD_MONTH', param: 'from', status: 400 }));
    expect(() => parseReportFilterInput(q("to=2026-01'; drop"))).toThrow(expect.objectContaining({ code: 'BAD_MONTH', param: 'to' }));
    expect(() => parseReportFilterInput(q('from=2026-03&to=2026-01'))).toThrow(expect.objectContaining({ code: 'MONTH_RANGE_REVERSED' }));
    expect(() => parseReportFilterInput(q('from=2000-01&to=2026-01'))).toThrow(expect.objectContaining({ code: 'MONTH_RANGE_TOO_LONG' }));
    expect(() => parseReportFilterInput(q(`region=${'x'.repeat(201)}`))).toThrow(expect.objectContaining({ code: 'BAD_DIMENSION' }));
    expect(() => parseTop(q('top=0'), 10, 100)).toThrow(expect.objectContaining({ code: 'BAD_TOP' }));
    expect(parseTop(q('top=25'), 10, 100)).toBe(25);
    expect(() => parsePart(q('part=x'), ['monthly', 'day-of-month'])).toThrow(expect.objectContaining({ code: 'BAD_PART' }));
    expect(parsePart(q('part=monthly'), ['monthly', 'day-of-month'])).toBe('monthly');
  });
});
