import { formatCount, intlLocale } from '../format.ts';
import { formatAmount, isCurrencyCode } from '../money.ts';
import type { ReconciliationCheck } from './types.ts';
import { m } from '$lib/paraglide/messages.js';

/** A duration for tables: "850 ms", "4.2 s", "3 min 05 s"; "—" when unknown. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return m.dt_unit_ms({ value: String(Math.round(ms)) });
  if (ms < 60_000) return m.dt_unit_s({ value: new Intl.NumberFormat(intlLocale(), { maximumFractionDigits: 1 }).format(ms / 1000) });
  const seconds = Math.round(ms / 1000);
  return m.dt_unit_min_s({ min: String(Math.floor(seconds / 60)), s: String(seconds % 60).padStart(2, '0') });
}

const RUN_STATUS: Record<string, () => string> = {
  running: m.dt_dq_status_running, succeeded: m.dt_dq_status_succeeded, failed: m.dt_dq_status_failed, abandoned: m.dt_dq_status_abandoned,
};
const SYNC_MODE: Record<string, () => string> = { full: m.dt_dq_mode_full, incremental: m.dt_dq_mode_incremental };

/** A sync run's status (running | succeeded | failed | abandoned) in the current language; unknown values as given. */
export function runStatusLabel(status: string): string {
  return RUN_STATUS[status]?.() ?? status;
}

/** A sync mode (full | incremental) in the current language; unknown values as given. */
export function syncModeLabel(mode: string): string {
  return SYNC_MODE[mode]?.() ?? mode;
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
