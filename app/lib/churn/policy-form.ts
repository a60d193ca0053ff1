/**
 * Reads the bonus policy form of /retention/bonuses: cooldown days, holdout share in percent and a
 * monthly budget per currency in major units ("1500.50"), converted to minor units exactly (no
 * floating point). Returns the new policy or a message saying which field is wrong.
 */
import { m } from '$lib/paraglide/messages.js';
import { currencyDecimals } from '../money.ts';
import type { BonusPolicy } from './bonus-policy.ts';

export function decimalToMinor(text: string, currency: string): bigint | null {
  const decimals = currencyDecimals(currency);
  const match = /^(\d{1,13})(?:\.(\d+))?$/.exec(text.trim().replaceAll(' ', '').replaceAll(',', ''));
  if (!match || (match[2] ?? '').length > decimals) return null;
  return BigInt(match[1]) * 10n ** BigInt(decimals) + BigInt((match[2] ?? '').padEnd(decimals, '0') || '0');
}

export function policyFromForm(current: BonusPolicy, form: Readonly<Record<string, string | undefined>>): BonusPolicy | string {
  const cooldown = Number(form.cooldownDays);
  if (!Number.isInteger(cooldown) || cooldown < 0 || cooldown > 730) return m.cl_bonus_err_cooldown();
  const holdoutPct = Number(form.holdoutPct);
  if (!(holdoutPct >= 0 && holdoutPct <= 50)) return m.cl_bonus_err_holdout();
  const budgets: Record<string, string> = {};
  for (const currency of Object.keys(current.monthlyBudgetMinor)) {
    const raw = form[`budget_${currency}`];
    if (raw === undefined) return m.cl_bonus_err_budget_missing({ currency });
    const minor = decimalToMinor(raw, currency);
    if (minor === null) return m.cl_bonus_err_budget({ currency, raw, decimals: currencyDecimals(currency) });
    budgets[currency] = minor.toString();
  }
  return { ...current, cooldownDays: cooldown, holdoutShare: holdoutPct / 100, monthlyBudgetMinor: budgets };
}
