import { formatCount, intlLocale } from '../format.ts';
import { formatAmount, isCurrencyCode } from '../money.ts';
import type { ReconciliationCheck } from './types.ts';

/** A duration for tables: "850 ms", "4.2 s", "3 min 05 s"; "—" when unknown. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${new Intl.NumberFormat(intlLocale(), { maximumFractionDigits: 1 }).format(ms / 1000)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/** A nullable count ("—" for null). */
export function formatOptionalCount(value: bigint | null): string {
  return value === null ? '—' : formatCount(value);
}

/** One value of a reconciliation check as shown. */
export interface CheckValueText {
  /** The exact integer: a row count, or money in minor units ("1,234,500"). */
  readonly exact: string;
  /** Money with a well-formed currency code: the same amount in major units ("12,345.00"); else null. */
  readonly major: string | null;
}

/**
 * How a reconciliation value is shown. Row counts are plain integers. Money (any measure other
 * than 'rows') is compared in integer minor units; with a well-formed currency code it is also
 * given in major units with the currency's decimals (money.ts), e.g. 150000 USD → "1,500.00".
 */
export function formatCheckValue(check: Pick<ReconciliationCheck, 'measure' | 'currency'>, value: bigint): CheckValueText {
  const exact = formatCount(value);
  if (check.measure === 'rows' || check.currency === null || !isCurrencyCode(check.currency)) return { exact, major: null };
  return { exact, major: formatAmount(value, check.currency, intlLocale()) };
}

/** Checks of one table, with how many differ. */
export interface ReconciliationGroup {
  readonly tableName: string;
  readonly checks: ReconciliationCheck[];
  readonly differences: number;
}

/** Groups checks by table, keeping their order (the queries return them in contract order). */
export function groupChecksByTable(checks: readonly ReconciliationCheck[]): ReconciliationGroup[] {
  const groups = new Map<string, ReconciliationCheck[]>();
  for (const check of checks) {
    const list = groups.get(check.tableName) ?? [];
    list.push(check);
    groups.set(check.tableName, list);
  }
  return [...groups].map(([tableName, list]) => ({ tableName, checks: list, differences: list.filter((c) => !c.ok).length }));
}
