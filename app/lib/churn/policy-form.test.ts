import { describe, expect, it } from 'vitest';
import { DEFAULT_BONUS_POLICY } from './bonus-policy.ts';
import { decimalToMinor, policyFromForm } from './policy-form.ts';

describe('bonus policy form', () => {
  it('converts budgets to minor units exactly', () => {
    expect(decimalToMinor('1500.5', 'RUB')).toBe(150050n);
    expect(decimalToMinor('100 000', 'RUB')).toBe(10000000n);
    expect(decimalToMinor('0.001', 'USD')).toBeNull();
    expect(decimalToMinor('-5', 'USD')).toBeNull();
  });

  it('returns the new policy, or a message naming the wrong field', () => {
    const ok = policyFromForm(DEFAULT_BONUS_POLICY, { cooldownDays: '60', holdoutPct: '25', budget_RUB: '50000', budget_USD: '500', budget_EUR: '500.25' });
    expect(ok).toMatchObject({ cooldownDays: 60, holdoutShare: 0.25, monthlyBudgetMinor: { RUB: '5000000', USD: '50000', EUR: '50025' } });
    expect(policyFromForm(DEFAULT_BONUS_POLICY, { cooldownDays: '60', holdoutPct: '70', budget_RUB: '1', budget_USD: '1', budget_EUR: '1' })).toMatch(/holdout share/);
    expect(policyFromForm(DEFAULT_BONUS_POLICY, { cooldownDays: '60', holdoutPct: '10', budget_RUB: 'lots', budget_USD: '1', budget_EUR: '1' })).toMatch(/RUB budget "lots"/);
  });
});
