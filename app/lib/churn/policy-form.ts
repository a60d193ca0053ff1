/**
 * Reads the bonus policy form of /retention/bonuses: cooldown days, holdout share in percent and a
 * monthly budget per currency in major units ("1500.50"), converted to minor units exactly (no
 * floating point). Returns the new policy or a message saying which field is wrong.
 */
import { currencyDecimals } from '../money.ts';
import type { BonusPolicy } from './bonus-policy.ts';

export function decimalToMinor(text: string, currency: string): bigint | null {
  const decimals = currencyDecimals(currency);
  const m = /^(\d{1,13})(?:\.(\d+))?$/.exec(text.trim().replaceAll(' ', '').replaceAll(',', ''));
  if (!m || (m[2] ?? '').length > decimals) return null;
  return BigInt(m[1]) * 10n ** BigInt(decimals) + BigInt((m[2] ?? '').padEnd(decimals, '0') || '0');
}

export function policyFromForm(current: BonusPolicy, form: Readonly<Record<string, string | undefined>>): BonusPolicy | string {
  const cooldown = Number(form.cooldownDays);
  if (!Number.isInteger(cooldown) || cooldown < 0 || cooldown > 730) return 'Cooldown must be a whole number of days from 0 to 730';
  const holdoutPct = Number(form.holdoutPct);
  if (!(holdoutPct >= 0 && holdoutPct <= 50)) return 'The holdout share must be between 0 and 50 %';
  const budgets: Record<string, string> = {};
  for (const currency of Object.keys(current.monthlyBudgetMinor)) {
    const raw = form[`budget_${currency}`];
    if (raw === undefined) return `The ${currency} budget is missing`;
    const minor = decimalToMinor(raw, currency);
    if (minor === null) return `The ${currency} budget "${raw}" is not an amount (digits, at most ${currencyDecimals(currency)} decimals)`;
    budgets[currency] = minor.toString();
  }
  return { ...current, cooldownDays: cooldown, holdoutShare: holdoutPct / 100, monthlyBudgetMinor: budgets };
}
