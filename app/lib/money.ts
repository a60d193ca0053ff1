import { intlLocale } from './i18n/locale.ts';
import { numberFormat } from './intl-formats.ts';

/**
 * Money on the way to the screen. Amounts stay integer minor units (bigint) everywhere; this module
 * is the edge where they become decimal strings or formatted text. Never floats for money.
 */

/** An amount in the currency's minor unit (cents, kopecks; whole yen). Never a float. */
export type MinorUnits = bigint & { readonly __brand: 'MinorUnits' };

/** Tags a bigint read from the warehouse as minor units. */
export function minorUnits(value: bigint): MinorUnits {
  return value as MinorUnits;
}

export class CurrencyCodeError extends Error {
  readonly code = 'CURRENCY_CODE_INVALID';
}

const CURRENCY_CODE = /^[A-Z]{3}$/;

export function isCurrencyCode(value: string): boolean {
  return CURRENCY_CODE.test(value);
}

const decimalsCache = new Map<string, number>();

/**
 * Decimal places of a currency's minor unit (USD 2, RUB 2, JPY 0, KWD 3), from ICU's currency
 * data via Intl, so the table is the same one the formatter uses.
 * Known limitation: a well-formed code ICU does not know (e.g. "XYZ") gets ICU's default of 2.
 */
export function currencyDecimals(currency: string): number {
  let decimals = decimalsCache.get(currency);
  if (decimals === undefined) {
    if (!isCurrencyCode(currency)) throw new CurrencyCodeError(`"${currency}" is not an ISO 4217 currency code (three capital letters, e.g. USD)`);
    decimals = numberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    decimalsCache.set(currency, decimals);
  }
  return decimals;
}

/** Exact decimal string of an amount in major units: 12345n USD → "123.45", -5n USD → "-0.05", 7n JPY → "7". */
export function minorToDecimalString(minor: bigint, currency: string): string {
  const decimals = currencyDecimals(currency);
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString();
  if (decimals === 0) return (negative ? '-' : '') + digits;
  const padded = digits.padStart(decimals + 1, '0');
  const whole = padded.slice(0, padded.length - decimals);
  const fraction = padded.slice(padded.length - decimals);
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

/**
 * Major units as a JS number, for drawing only (chart coordinates). Loses precision above 2^53
 * minor units; never use the result for sums or display.
 */
export function minorToChartNumber(minor: bigint, currency: string): number {
  return Number(minorToDecimalString(minor, currency));
}

export interface FormatMoneyOptions {
  readonly locale?: string;
  /** 'compact' gives "$1.2M" for tight spaces such as chart axes. */
  readonly notation?: 'standard' | 'compact';
  /** Whole major units (half away from zero), for KPI cards; the exact amount goes in a title beside it. */
  readonly wholeUnits?: boolean;
}

/**
 * Formats minor units for display with Intl. The amount is handed to Intl as an exact decimal
 * string (Intl.NumberFormat v3 accepts strings), so large amounts are not rounded through a float.
 */
export function formatMoney(minor: bigint, currency: string, options: FormatMoneyOptions = {}): string {
  const format = numberFormat(options.locale ?? intlLocale(), {
    style: 'currency',
    currency,
    // "₽" rather than "RUB"; the page always names the currency it shows, so narrow symbols are unambiguous.
    currencyDisplay: 'narrowSymbol',
    notation: options.notation ?? 'standard',
    ...(options.notation === 'compact' ? { maximumFractionDigits: 1 } : {}),
    ...(options.wholeUnits ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {}),
  });
  // The cast: TypeScript's lib types `format` as number | bigint, but ES2023 Intl accepts decimal strings.
  return format.format(minorToDecimalString(minor, currency) as unknown as number);
}

/** Formats minor units as a plain number with the currency's decimals ("1,234.50"), for tables whose header names the currency. */
export function formatAmount(minor: bigint, currency: string, locale = intlLocale()): string {
  const decimals = currencyDecimals(currency);
  const format = numberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return format.format(minorToDecimalString(minor, currency) as unknown as number);
}
