import { intlLocale } from '../i18n/locale.ts';
import { m } from '../paraglide/messages.js';
/** How usage quantities are shown: data in GB (MB / 1024), other units as recorded. Pure, client-safe. */

/** English weekday codes (the CSV exports write these); the page shows weekdayLabel(). */
export const WEEKDAY_LABELS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** The short name of an ISO weekday (1 Monday … 7 Sunday) in the page's language: "Mon", "пн". */
export function weekdayLabel(isoWeekday: number, locale = intlLocale()): string {
  if (isoWeekday < 1 || isoWeekday > 7) return '?';
  // 2001-01-01 was a Monday.
  return new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2001, 0, isoWeekday)));
}

/** Service names in the page's language (getters: each read is in the current language). */
export const SERVICE_LABELS: Readonly<Record<string, string>> = {
  get voice() { return m.rv_service_voice(); },
  sms: 'SMS',
  get data() { return m.rv_service_data(); },
  get tv() { return m.rv_service_tv(); },
  get api() { return m.rv_service_api(); },
};

interface UnitDisplay {
  /** Unit shown on the page, in the page's language. */
  readonly label: string;
  /** Recorded units per displayed unit. */
  readonly divisor: number;
  readonly decimals: number;
}

const UNITS: Record<string, { label: () => string; divisor: number; decimals: number }> = {
  mb: { label: m.rv_unit_gb, divisor: 1024, decimals: 2 },
  minute: { label: m.rv_unit_min, divisor: 1, decimals: 0 },
  message: { label: m.rv_unit_messages, divisor: 1, decimals: 0 },
  hour: { label: m.rv_unit_hours, divisor: 1, decimals: 1 },
  call: { label: m.rv_unit_calls, divisor: 1, decimals: 0 },
};

export function unitDisplay(unit: string): UnitDisplay {
  const u = UNITS[unit];
  return u ? { label: u.label(), divisor: u.divisor, decimals: u.decimals } : { label: unit, divisor: 1, decimals: 2 };
}

/** A recorded quantity (exact decimal string or number) in display units, e.g. 2048 mb → 2 (GB). */
export function toDisplayUnits(quantity: string | number, unit: string): number {
  return Number(quantity) / unitDisplay(unit).divisor;
}

/** "2.00 GB", "1,250 min". */
export function formatQuantity(quantity: string | number, unit: string, locale = intlLocale()): string {
  const u = unitDisplay(unit);
  const value = toDisplayUnits(quantity, unit);
  const decimals = u.decimals === 0 && !Number.isInteger(value) && Math.abs(value) < 10 ? 1 : u.decimals;
  return `${new Intl.NumberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value)} ${u.label}`;
}

/** A fraction 0–1 as "12.3 %". */
export function formatShare(share: number | null, locale = intlLocale()): string {
  if (share === null || !Number.isFinite(share)) return '—';
  return new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(share);
}

/** "Fri 20:00–21:00". */
export function hourSlotLabel(isoWeekday: number, hour: number): string {
  return `${weekdayLabel(isoWeekday)} ${hourRange(hour)}`;
}

export function hourRange(hour: number): string {
  const pad = (h: number) => `${String(h).padStart(2, '0')}:00`;
  return `${pad(hour)}–${pad((hour + 1) % 24 === 0 ? 24 : hour + 1)}`;
}

export function serviceLabel(service: string, unit: string): string {
  return `${SERVICE_LABELS[service] ?? service} (${unitDisplay(unit).label})`;
}
