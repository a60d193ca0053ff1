/**
 * Reason codes in words a collector understands. A reason is a feature column whose value, against
 * a typical customer's, raises this customer's churn probability by `delta` (0–1). The words live
 * here, once, so pages and exports say the same thing; definitions of the columns are in
 * sql/marts/churn_features_monthly.sql.
 */
import { m } from '$lib/paraglide/messages.js';
import { intlLocale } from '../i18n/locale.ts';

export interface ChurnReason {
  readonly column: string;
  readonly delta: number;
  readonly value: string | number | null;
}

const pct = (v: number) => `${Math.round(Math.abs(v) * 100)} %`;
const trend = (what: () => string) => (v: number) => (v < 0 ? m.cl_reason_trend_down : m.cl_reason_trend_up)({ what: what(), pct: pct(v) });
/** A count of events in words: none, one or many (English agrees in number; Russian says "…: N"). */
const count = (none: () => string, one: (p: { count: number }) => string, many: (p: { count: number }) => string) => (v: number) =>
  v === 0 ? none() : (v === 1 ? one : many)({ count: v });

const NUMERIC_WORDS: Readonly<Record<string, (v: number) => string>> = {
  tenure_months: (v) => (v < 12 ? m.cl_reason_tenure_short : m.cl_reason_tenure)({ months: v }),
  mrr_minor: () => m.cl_reason_mrr(),
  mrr_change_3m: (v) => (v < 0 ? m.cl_reason_mrr_down({ pct: pct(v) }) : v > 0 ? m.cl_reason_mrr_up({ pct: pct(v) }) : m.cl_reason_mrr_same()),
  upgrades_12m: count(m.cl_reason_upgrades_none, m.cl_reason_upgrades_one, m.cl_reason_upgrades_many),
  downgrades_12m: count(m.cl_reason_downgrades_none, m.cl_reason_downgrades_one, m.cl_reason_downgrades_many),
  quantity_changes_12m: count(m.cl_reason_quantity_changes_none, m.cl_reason_quantity_changes_one, m.cl_reason_quantity_changes_many),
  usage_trend_voice: trend(m.cl_reason_what_voice),
  usage_trend_sms: trend(m.cl_reason_what_sms),
  usage_trend_data: trend(m.cl_reason_what_data),
  usage_trend_tv: trend(m.cl_reason_what_tv),
  usage_trend_api: trend(m.cl_reason_what_api),
  open_balance_minor: () => m.cl_reason_open_balance(),
  days_past_due: (v) => (v === 0 ? m.cl_reason_nothing_overdue() : m.cl_reason_days_past_due({ days: v })),
  invoices_due_12m: count(m.cl_reason_invoices_due_none, m.cl_reason_invoices_due_one, m.cl_reason_invoices_due_many),
  late_invoices_12m: count(m.cl_reason_late_invoices_none, m.cl_reason_late_invoices_one, m.cl_reason_late_invoices_many),
  late_share_12m: (v) => m.cl_reason_late_share({ pct: pct(v) }),
  failed_payments_6m: count(m.cl_reason_failed_payments_none, m.cl_reason_failed_payments_one, m.cl_reason_failed_payments_many),
  chargebacks_12m: count(m.cl_reason_chargebacks_none, m.cl_reason_chargebacks_one, m.cl_reason_chargebacks_many),
  credit_notes_12m: count(m.cl_reason_credit_notes_none, m.cl_reason_credit_notes_one, m.cl_reason_credit_notes_many),
  disputes_12m: count(m.cl_reason_disputes_none, m.cl_reason_disputes_one, m.cl_reason_disputes_many),
  late_fees_12m: count(m.cl_reason_late_fees_none, m.cl_reason_late_fees_one, m.cl_reason_late_fees_many),
};

const PAYMENT_METHODS: Readonly<Record<string, () => string>> = {
  card: m.cl_pay_card, bank_transfer: m.cl_pay_bank_transfer, direct_debit: m.cl_pay_direct_debit,
};

const CATEGORY_WORDS: Readonly<Record<string, (v: string) => string>> = {
  segment: (v) => m.cl_reason_segment({ value: v }),
  region: (v) => m.cl_reason_region({ value: v }),
  currency: (v) => m.cl_reason_currency({ value: v }),
  plan_code: (v) => (v === 'none' ? m.cl_reason_no_plan() : m.cl_reason_plan({ value: v })),
  payment_method: (v) => (v === 'none' ? m.cl_reason_never_paid() : m.cl_reason_pays_by({ value: PAYMENT_METHODS[v]?.() ?? v.replaceAll('_', ' ') })),
};

/**
 * "oldest unpaid invoice 45 days past due", in the page's language (English outside a request);
 * falls back to "column = value" for a column it does not know.
 */
export function reasonText(r: Pick<ChurnReason, 'column' | 'value'>): string {
  if (r.value === null) return m.cl_reason_unknown({ column: r.column.replaceAll('_', ' ') });
  const n = NUMERIC_WORDS[r.column];
  if (n && typeof r.value === 'number') return n(r.value);
  const c = CATEGORY_WORDS[r.column];
  if (c) return c(String(r.value));
  return `${r.column.replaceAll('_', ' ')} = ${r.value}`;
}

/** "+12 points": how much the reason raises the probability, in percentage points. */
export function reasonImpact(delta: number): string {
  const points = delta * 100;
  const size = Math.abs(points) < 1 ? new Intl.NumberFormat(intlLocale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Math.abs(points)) : String(Math.round(Math.abs(points)));
  return m.cl_reason_points({ value: `${points >= 0 ? '+' : '−'}${size}` });
}

/** The risk bands' names; each entry a getter, so it answers in the page's language. */
export const BAND_LABELS = {
  get low() { return m.cl_band_low(); },
  get medium() { return m.cl_band_medium(); },
  get high() { return m.cl_band_high(); },
} as const;
