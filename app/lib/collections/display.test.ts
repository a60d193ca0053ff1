import { describe, expect, it } from 'vitest';
import { eventLabel, formatShare, payloadSummary } from './display.ts';

describe('collections display helpers', () => {
  it('formats shares, event kinds and payloads', () => {
    expect(formatShare(0.425)).toBe('43%');
    expect(eventLabel('promise_recorded')).toBe('Promise recorded');
    expect(payloadSummary({ actionId: '7', details: { a: 1 }, text: '', invoiceId: null, kind: 'reminder' })).toBe('actionId: 7 · kind: reminder');
  });
});
