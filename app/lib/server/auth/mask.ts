import { currentPrincipal, type Principal } from './principal.ts';

/**
 * Personal data (customer names, e-mail addresses, phone numbers) is shown only to principals with
 * `personal-data:read`. Outside a request (CLI, scheduled reports, background runs) nothing is
 * masked: those run as the system.
 */
export function seesPersonalData(principal: Principal | null | undefined = currentPrincipal()): boolean {
  if (principal === undefined) return true;
  return principal !== null && principal.permissions.has('personal-data:read');
}

export type PersonalKind = 'name' | 'email' | 'phone';

/**
 * "Анна Петрова" → "А*** П***", "ops@example.com" → "o***@e***.com", "+7 912 345-67-89" → "+***89".
 * Exports apply the same rules in SQL (MASK_SQL in app/lib/server/exports/columns.ts).
 */
export function maskValue(value: string, kind: PersonalKind): string {
  if (kind === 'email') {
    const [local = '', domain = ''] = value.split('@');
    const dot = domain.lastIndexOf('.');
    const host = dot > 0 ? domain.slice(0, dot) : domain;
    const tld = dot > 0 ? domain.slice(dot) : '';
    return `${[...local][0] ?? ''}***@${[...host][0] ?? ''}***${tld}`;
  }
  if (kind === 'phone') {
    const digits = value.replace(/\D/g, '');
    return digits.length <= 2 ? '***' : `${value.startsWith('+') ? '+' : ''}***${digits.slice(-2)}`;
  }
  return value
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => `${[...word][0] ?? ''}***`)
    .join(' ');
}

/** The value as the current principal may see it. */
export function personal<T extends string | null | undefined>(value: T, kind: PersonalKind): T {
  if (value === null || value === undefined || value === '' || seesPersonalData()) return value;
  return maskValue(value, kind) as T;
}

/** Column names that hold personal data in exports and explorer results. */
const PERSONAL_COLUMNS: ReadonlyArray<[RegExp, PersonalKind]> = [
  [/(^|_)e?mail($|_)/i, 'email'],
  [/(^|_)(phone|msisdn|mobile)($|_)/i, 'phone'],
  [/^(customer_name|customername|name|full_name|contact_name)$/i, 'name'],
];

export function personalKindOfColumn(column: string): PersonalKind | null {
  for (const [pattern, kind] of PERSONAL_COLUMNS) if (pattern.test(column)) return kind;
  return null;
}

/** Masks, in place of a row object, the columns that hold personal data (for principals who may not see it). */
export function maskRow<R extends Record<string, unknown>>(row: R, kinds: ReadonlyMap<string, PersonalKind>): R {
  if (kinds.size === 0) return row;
  const out: Record<string, unknown> = { ...row };
  for (const [column, kind] of kinds) {
    const v = out[column];
    if (typeof v === 'string' && v !== '') out[column] = maskValue(v, kind);
  }
  return out as R;
}

/** The personal columns among `columns` the current principal must not see (empty when it may). */
export function maskedColumns(columns: readonly string[]): Map<string, PersonalKind> {
  const map = new Map<string, PersonalKind>();
  if (seesPersonalData()) return map;
  for (const c of columns) {
    const kind = personalKindOfColumn(c);
    if (kind) map.set(c, kind);
  }
  return map;
}
