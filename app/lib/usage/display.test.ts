import { describe, expect, it } from 'vitest';
import { formatQuantity, formatShare, hourSlotLabel, serviceLabel, toDisplayUnits } from './display.ts';

describe('usage display', () => {
  it('shows data in GB = MB / 1024 and other units as recorded', () => {
    expect(toDisplayUnits('2048.000', 'mb')).toBe(2);
    expect(formatQuantity('1024.500', 'mb')).toBe('1.00 GB');
    expect(formatQuantity('1250', 'minute')).toBe('1,250 min');
    expect(formatQuantity(2.5, 'minute')).toBe('2.5 min');
    expect(serviceLabel('data', 'mb')).toBe('Data (GB)');
    expect(serviceLabel('fax', 'page')).toBe('fax (page)');
  });

  it('labels weekday-hour slots and shares', () => {
    expect(hourSlotLabel(5, 20)).toBe('Fri 20:00–21:00');
    expect(hourSlotLabel(7, 23)).toBe('Sun 23:00–24:00');
    expect(formatShare(50 / 110)).toBe('45.5%');
    expect(formatShare(null)).toBe('—');
  });
});
