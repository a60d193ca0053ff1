/**
 * The churn model's feature set on Ledgerlens's own warehouse: which columns of
 * marts.churn_features_monthly (sql/marts/churn_features_monthly.sql, where each is defined) the
 * model reads, and how rows from DuckDB become a FeatureTable.
 */
import type { FeatureColumn, FeatureTable } from '../feature-table.ts';

export const CHURN_NUMERIC_FEATURES = [
  'tenure_months', 'mrr_minor', 'mrr_change_3m', 'upgrades_12m', 'downgrades_12m', 'quantity_changes_12m',
  'usage_trend_voice', 'usage_trend_sms', 'usage_trend_data', 'usage_trend_tv', 'usage_trend_api',
  'open_balance_minor', 'days_past_due', 'invoices_due_12m', 'late_invoices_12m', 'late_share_12m',
  'failed_payments_6m', 'chargebacks_12m', 'credit_notes_12m', 'disputes_12m', 'late_fees_12m',
] as const;

export const CHURN_CATEGORICAL_FEATURES = ['segment', 'region', 'currency', 'plan_code', 'payment_method'] as const;

export type ChurnFeatureName = (typeof CHURN_NUMERIC_FEATURES)[number] | (typeof CHURN_CATEGORICAL_FEATURES)[number];

/** A row of the mart as DuckDB returns it (BIGINT as bigint, DOUBLE as number, nulls as null). */
export type ChurnFeatureRow = { readonly customer_id: string; readonly cutoff_at: unknown } & Readonly<Record<string, unknown>>;

function toNumber(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const n = Number(v);
  if (Number.isNaN(n)) throw new TypeError(`churn feature value ${String(v)} is not a number`);
  return n;
}

/** Builds the model's table from mart rows; `label` is read from column `churned` when present, else 0. */
export function churnFeatureTable(rows: readonly ChurnFeatureRow[]): FeatureTable {
  const columns: FeatureColumn[] = [
    ...CHURN_NUMERIC_FEATURES.map((name): FeatureColumn => ({ name, kind: 'numeric', values: rows.map((r) => toNumber(r[name])) })),
    ...CHURN_CATEGORICAL_FEATURES.map((name): FeatureColumn => ({ name, kind: 'categorical', values: rows.map((r) => (r[name] === null || r[name] === undefined ? null : String(r[name]))) })),
  ];
  return { columns, label: Float64Array.from(rows, (r) => toNumber(r.churned) ?? 0) };
}

/** The SELECT list of the feature columns, from the whitelist above (never from input). */
export const CHURN_FEATURE_SELECT = [...CHURN_NUMERIC_FEATURES, ...CHURN_CATEGORICAL_FEATURES].join(', ');
