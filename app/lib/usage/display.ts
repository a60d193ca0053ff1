import { intlLocale } from '../i18n/locale.ts';
/** How usage quantities are shown: data in GB (MB / 1024), other units as recorded. Pure, client-safe. */

export const WEEKDAY_LABELS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

export const SERVICE_LABELS: Record<string, string> = {
  voice: 'Voice',
  sms: 'SMS',
  data: 'Data',
  tv: 'TV',
  api: 'API calls',
};

interface UnitDisplay {
  /** Unit shown on the page. */
  readonly label: string;
  /** Recorded units per displayed unit. */
  readonly divisor: number;
  readonly decimals: number;
}

const UNITS: Record<string, UnitDisplay> = {
  mb: { label: 'GB', divisor: 1024, decimals: 2 },
  minute: { label: 'min', divisor: 1, decimals: 0 },
  message: { label: 'messages', divisor: 1, decimals: 0 },
  hour: { label: 'hours', divisor: 1, decimals: 1 },
  call: { label: 'calls', divisor: 1, decimals: 0 },
};

export function unitDisplay(unit: string): UnitDisplay {
  return UNITS[unit] ?? { label: unit, divisor: 1, decimals: 2 };
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
  return `${WEEKDAY_LABELS[isoWeekday - 1] ?? '?'} ${hourRange(hour)}`;
}

export function hourRange(hour: number): string {
  const pad = (h: number) => `${String(h).padStart(2, '0')}:00`;
  return `${pad(hour)}–${pad((hour + 1) % 24 === 0 ? 24 : hour + 1)}`;
}

export function serviceLabel(service: string, unit: string): string {
  return `${SERVICE_LABELS[service] ?? service} (${unitDisplay(unit).label})`;
}
