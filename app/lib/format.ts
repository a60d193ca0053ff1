import { monthLabel, type MonthString } from './months.ts';

/** Display formatting other than money (money: ./money.ts). Fixed locale so server and browser render alike. */
export const LOCALE = 'en-US';

/** A change fraction as "+12.3%"; "—" when there is nothing to compare with. */
export function formatChange(change: number | null): string {
  if (change === null) return '—';
  const text = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(change);
  return text;
}

export function formatCount(value: bigint): string {
  return new Intl.NumberFormat(LOCALE).format(value);
}

/** "Mar 2024 – Feb 2025", or one month. */
export function formatPeriod(from: MonthString, to: MonthString): string {
  return from === to ? monthLabel(from, LOCALE) : `${monthLabel(from, LOCALE)} – ${monthLabel(to, LOCALE)}`;
}

/** An ISO instant in the business time zone: "Mar 2, 2025, 9:00 AM GMT+3". */
export function formatInstant(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso)) +
    ' ' + zoneName(iso, timeZone);
}

function zoneName(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat(LOCALE, { timeZone, timeZoneName: 'short' }).formatToParts(new Date(iso));
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}
