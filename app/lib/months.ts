import { intlLocale } from './i18n/locale.ts';
import { dateTimeFormat } from './intl-formats.ts';

/** Calendar months as 'YYYY-MM' strings: the unit of the revenue mart's grain. Pure, no time zones. */

/** A month written 'YYYY-MM' (e.g. '2025-01'). */
export type MonthString = string & { readonly __brand: 'MonthString' };

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonthString(value: string): value is MonthString {
  return MONTH.test(value);
}

/** Months since year 0, for arithmetic. */
function toIndex(month: MonthString): number {
  const [, y, m] = MONTH.exec(month)!;
  return Number(y) * 12 + Number(m) - 1;
}

function fromIndex(index: number): MonthString {
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}` as MonthString;
}

export function addMonths(month: MonthString, delta: number): MonthString {
  return fromIndex(toIndex(month) + delta);
}

/** Number of months from `from` to `to`, both included (1 when equal, ≤ 0 when reversed). */
export function monthSpan(from: MonthString, to: MonthString): number {
  return toIndex(to) - toIndex(from) + 1;
}

/** Every month from `from` to `to`, both included. */
export function monthRange(from: MonthString, to: MonthString): MonthString[] {
  const out: MonthString[] = [];
  for (let i = toIndex(from); i <= toIndex(to); i++) out.push(fromIndex(i));
  return out;
}

/** The first day of the month as an ISO date ('2025-01-01'), for binding to a DATE parameter. */
export function monthStartDate(month: MonthString): string {
  return `${month}-01`;
}

/** The month containing `instant` in the IANA zone `timeZone` (months are bucketed in business time). */
export function monthOf(instant: Date, timeZone: string): MonthString {
  const parts = dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(instant);
  const year = parts.find((p) => p.type === 'year')!.value;
  const month = parts.find((p) => p.type === 'month')!.value;
  return `${year}-${month}` as MonthString;
}

/** 'Jan 2025' style label. */
export function monthLabel(month: MonthString, locale = intlLocale()): string {
  const [y, m] = month.split('-').map(Number);
  return dateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
}
