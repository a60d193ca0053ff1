import { describe, expect, it } from 'vitest';
import { forecastTitle, formatEstimate, percent } from './display.ts';

describe('forecast display helpers', () => {
  it('names the series by measure, breakdown and currency', () => {
    expect(forecastTitle({ measure: 'invoiced', segment: 'smb', plan: null, currency: 'RUB' })).toBe('Invoiced · smb · RUB');
    expect(forecastTitle({ measure: 'invoiced', segment: null, currency: 'EUR' })).toBe('Invoiced · all segments · EUR');
    expect(forecastTitle({ measure: 'mrr', segment: null, plan: 'SAAS-PRO', currency: 'EUR' })).toBe('MRR · plan SAAS-PRO · EUR');
    expect(forecastTitle({ measure: 'mrr', segment: null, plan: null, currency: 'USD' })).toBe('MRR · all plans · USD');
    expect(forecastTitle({ measure: 'cash_collection', segment: null, currency: 'USD' })).toBe('Cash collection from open receivables · USD');
  });

  it('formats estimates in whole display units and fractions as percentages', () => {
    expect(formatEstimate(123_456_789, 'RUB')).toBe('1,234,568 RUB');
    expect(formatEstimate(-250, 'JPY')).toBe('-250 JPY');
    expect(percent(0.3456)).toBe('34.6 %');
    expect(percent(0.9, 0)).toBe('90 %');
    expect(percent(null)).toBe('—');
    expect(percent(Number.NaN)).toBe('—');
  });
});
