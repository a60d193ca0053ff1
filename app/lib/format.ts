import { intlLocale } from './i18n/locale.ts';
import { monthLabel, type MonthString } from './months.ts';
import { dateTimeFormat, numberFormat } from './intl-formats.ts';

/**
 * Display formatting other than money (money: ./money.ts). The locale defaults to the current UI
 * language (the request's on the server, <html lang> in the browser), so both render alike.
 */
export { intlLocale };

/** A change fraction as "+12.3%"; "—" when there is nothing to compare with. */
export function formatChange(change: number | null, locale = intlLocale()): string {
  if (change === null) return '—';
  const text = numberFormat(locale, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(change);
  return text;
}

export function formatCount(value: bigint, locale = intlLocale()): string {
  return numberFormat(locale).format(value);
}

/** "Mar 2024 – Feb 2025", or one month. */
export function formatPeriod(from: MonthString, to: MonthString, locale = intlLocale()): string {
  return from === to ? monthLabel(from, locale) : `${monthLabel(from, locale)} – ${monthLabel(to, locale)}`;
}

/** An ISO instant in the business time zone: "Mar 2, 2025, 9:00 AM GMT+3". */
export function formatInstant(iso: string, timeZone: string, locale = intlLocale()): string {
  return dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso)) +
    ' ' + zoneName(iso, timeZone, locale);
}

function zoneName(iso: string, timeZone: string, locale: string): string {
  const parts = dateTimeFormat(locale, { timeZone, timeZoneName: 'short' }).formatToParts(new Date(iso));
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}
