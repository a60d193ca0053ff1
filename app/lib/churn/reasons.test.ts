import { describe, expect, it } from 'vitest';
import { reasonImpact, reasonText } from './reasons.ts';

describe('churn reason words', () => {
  it('says what a collector can act on', () => {
    expect(reasonText({ column: 'days_past_due', value: 45 })).toBe('oldest unpaid invoice 45 days past due');
    expect(reasonText({ column: 'usage_trend_data', value: -0.45 })).toBe('mobile data use down 45 % (last 3 months vs the 3 before)');
    expect(reasonText({ column: 'failed_payments_6m', value: 1 })).toBe('1 failed payment in the last 6 months');
    expect(reasonText({ column: 'payment_method', value: 'bank_transfer' })).toBe('pays by bank transfer');
    expect(reasonText({ column: 'late_share_12m', value: 0.5 })).toBe('50 % of invoices paid late or unpaid in the last 12 months');
    expect(reasonText({ column: 'something_new', value: 3 })).toBe('something new = 3');
    expect(reasonText({ column: 'usage_trend_tv', value: null })).toBe('usage trend tv unknown');
  });

  it('shows the impact in percentage points', () => {
    expect(reasonImpact(0.123)).toBe('+12 points');
    expect(reasonImpact(0.006)).toBe('+0.6 points');
  });
});
