import { describe, expect, it } from 'vitest';
import { formatDays, formatRate, ladderHref } from './ladder-display.ts';

describe('ladder display helpers', () => {
  it('formats rates and days, with dashes for undefined figures', () => {
    expect(formatRate(0.42372)).toBe('42.4%');
    expect(formatRate(null)).toBe('—');
    expect(formatDays(3.5)).toBe('3.5 d');
    expect(formatDays(null)).toBe('—');
  });

  it('builds links that keep the view and drop empty parameters', () => {
    expect(ladderHref({ source: 'replay', run: '3', from: '', to: null }, { format: 'csv' }, '/api/v1/collections/ladder')).toBe('/api/v1/collections/ladder?source=replay&run=3&format=csv');
    expect(ladderHref({})).toBe('/collections/ladder');
  });
});
