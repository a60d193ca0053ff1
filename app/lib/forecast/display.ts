import { intlLocale } from '../i18n/locale.ts';
import { currencyDecimals } from '../money.ts';
import type { StoredForecast } from './types.ts';

const MEASURES: Record<StoredForecast['measure'], string> = {
  invoiced: 'Invoiced',
  mrr: 'MRR',
  cash_collection: 'Cash collection from open receivables',
};

/** "Invoiced · smb · RUB", "MRR · plan SAAS-PRO · EUR", "Cash collection from open receivables · USD". */
export function forecastTitle(f: Pick<StoredForecast, 'measure' | 'segment' | 'plan' | 'currency'>): string {
  const group = f.plan ? `plan ${f.plan}` : f.segment ? f.segment : f.measure === 'cash_collection' ? null : f.measure === 'mrr' ? 'all plans' : 'all segments';
  return [MEASURES[f.measure], group, f.currency].filter((x) => x !== null).join(' · ');
}

/** An estimate (minor units, a JSON number) in whole display units: "1,234,567 RUB". Estimates are not booked amounts. */
export function formatEstimate(minor: number, currency: string): string {
  const major = minor / 10 ** currencyDecimals(currency);
  return `${Math.round(major).toLocaleString(intlLocale())} ${currency}`;
}

/** A fraction as a percentage, "—" when unknown. */
export function percent(fraction: number | null | undefined, digits = 1): string {
  return fraction === null || fraction === undefined || !Number.isFinite(fraction) ? '—' : `${(100 * fraction).toFixed(digits)} %`;
}
