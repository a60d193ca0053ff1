/**
 * Reason codes in words a collector understands. A reason is a feature column whose value, against
 * a typical customer's, raises this customer's churn probability by `delta` (0–1). The words live
 * here, once, so pages and exports say the same thing; definitions of the columns are in
 * sql/marts/churn_features_monthly.sql.
 */
export interface ChurnReason {
  readonly column: string;
  readonly delta: number;
  readonly value: string | number | null;
}

const pct = (v: number) => `${Math.round(Math.abs(v) * 100)} %`;
const trend = (what: string) => (v: number) => (v < 0 ? `${what} down ${pct(v)} (last 3 months vs the 3 before)` : `${what} up ${pct(v)} (last 3 months vs the 3 before)`);
const count = (one: string, many: string, when: string) => (v: number) => (v === 0 ? `no ${many} ${when}` : `${v} ${v === 1 ? one : many} ${when}`);

const NUMERIC_WORDS: Readonly<Record<string, (v: number) => string>> = {
  tenure_months: (v) => (v < 12 ? `a customer for only ${v} months` : `a customer for ${v} months`),
  mrr_minor: () => 'monthly spend level',
  mrr_change_3m: (v) => (v < 0 ? `monthly spend down ${pct(v)} in 3 months` : v > 0 ? `monthly spend up ${pct(v)} in 3 months` : 'monthly spend unchanged in 3 months'),
  upgrades_12m: count('upgrade', 'upgrades', 'in the last 12 months'),
  downgrades_12m: count('downgrade', 'downgrades', 'in the last 12 months'),
  quantity_changes_12m: count('change of seats or lines', 'changes of seats or lines', 'in the last 12 months'),
  usage_trend_voice: trend('calls'),
  usage_trend_sms: trend('text messages'),
  usage_trend_data: trend('mobile data use'),
  usage_trend_tv: trend('TV viewing'),
  usage_trend_api: trend('API calls'),
  open_balance_minor: () => 'unpaid balance',
  days_past_due: (v) => (v === 0 ? 'nothing overdue' : `oldest unpaid invoice ${v} days past due`),
  invoices_due_12m: count('invoice', 'invoices', 'due in the last 12 months'),
  late_invoices_12m: count('invoice paid late or unpaid', 'invoices paid late or unpaid', 'in the last 12 months'),
  late_share_12m: (v) => `${pct(v)} of invoices paid late or unpaid in the last 12 months`,
  failed_payments_6m: count('failed payment', 'failed payments', 'in the last 6 months'),
  chargebacks_12m: count('charge-back', 'charge-backs', 'in the last 12 months'),
  credit_notes_12m: count('credit note', 'credit notes', 'in the last 12 months'),
  disputes_12m: count('dispute', 'disputes', 'in the last 12 months'),
  late_fees_12m: count('late fee', 'late fees', 'charged in the last 12 months'),
};

const CATEGORY_WORDS: Readonly<Record<string, (v: string) => string>> = {
  segment: (v) => `${v} customer`,
  region: (v) => `region ${v}`,
  currency: (v) => `billed in ${v}`,
  plan_code: (v) => (v === 'none' ? 'no current plan' : `on plan ${v}`),
  payment_method: (v) => (v === 'none' ? 'has never paid' : `pays by ${v.replaceAll('_', ' ')}`),
};

/** "oldest unpaid invoice 45 days past due"; falls back to "column = value" for a column it does not know. */
export function reasonText(r: Pick<ChurnReason, 'column' | 'value'>): string {
  if (r.value === null) return `${r.column.replaceAll('_', ' ')} unknown`;
  const n = NUMERIC_WORDS[r.column];
  if (n && typeof r.value === 'number') return n(r.value);
  const c = CATEGORY_WORDS[r.column];
  if (c) return c(String(r.value));
  return `${r.column.replaceAll('_', ' ')} = ${r.value}`;
}

/** "+12 points": how much the reason raises the probability, in percentage points. */
export function reasonImpact(delta: number): string {
  const points = delta * 100;
  return `${points >= 0 ? '+' : '−'}${Math.abs(points) < 1 ? Math.abs(points).toFixed(1) : Math.round(Math.abs(points))} points`;
}

export const BAND_LABELS = { low: 'Low risk', medium: 'Medium risk', high: 'High risk' } as const;
