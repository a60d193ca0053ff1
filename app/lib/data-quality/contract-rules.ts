import { m } from '$lib/paraglide/messages.js';

/**
 * The contract rules of the quarantine, in plain words, for the data-quality page. The rules
 * themselves are the CTEs of sql/staging/contract_violations.sql; a test checks this list names
 * exactly the rules that file can emit.
 */
export interface ContractRule {
  readonly rule: string;
  /** What the rule checks, in one short sentence, in the current language. */
  readonly checks: string;
  /** Contract tables the rule applies to. */
  readonly tables: readonly string[];
}

/** Placeholders in `tables` that are words rather than table names; shown through tablesText(). */
const ALL_TABLES = 'all tables';
const DEPENDENT_TABLES = 'dependent tables';

/** A rule whose description is read in the current language each time it is shown. */
function rule(name: string, checks: () => string, tables: readonly string[]): ContractRule {
  return { rule: name, get checks() { return checks(); }, tables };
}

/** The rule's tables as shown: table names as they are, the placeholders in the current language. */
export function tablesText(r: ContractRule): string {
  return r.tables.map((t) => (t === ALL_TABLES ? m.dt_rule_tables_all() : t === DEPENDENT_TABLES ? m.dt_rule_tables_dependent() : t)).join(', ');
}

export const CONTRACT_RULES: readonly ContractRule[] = [
  rule('duplicate_id', m.dt_rule_duplicate_id, [ALL_TABLES]),
  rule('orphan_customer', m.dt_rule_orphan_customer, ['subscriptions', 'invoices', 'payments', 'usage_records']),
  rule('orphan_plan', m.dt_rule_orphan_plan, ['subscriptions', 'subscription_versions']),
  rule('orphan_subscription', m.dt_rule_orphan_subscription, ['subscription_versions']),
  rule('orphan_invoice', m.dt_rule_orphan_invoice, ['invoice_lines', 'payment_allocations', 'credit_notes']),
  rule('orphan_payment', m.dt_rule_orphan_payment, ['payment_allocations']),
  rule('parent_quarantined', m.dt_rule_parent_quarantined, [DEPENDENT_TABLES]),
  rule('unknown_currency', m.dt_rule_unknown_currency, ['customers', 'plans', 'subscription_versions', 'invoices', 'payments', 'credit_notes']),
  rule('currency_mismatch', m.dt_rule_currency_mismatch, ['payment_allocations', 'credit_notes']),
  rule('unknown_status', m.dt_rule_unknown_status, ['subscriptions', 'invoices', 'payments', 'credit_notes']),
  rule('unknown_segment', m.dt_rule_unknown_segment, ['customers']),
  rule('unknown_kind', m.dt_rule_unknown_kind, ['plans', 'invoice_lines']),
  rule('invalid_billing_period', m.dt_rule_invalid_billing_period, ['plans']),
  rule('closed_before_created', m.dt_rule_closed_before_created, ['customers']),
  rule('ended_before_started', m.dt_rule_ended_before_started, ['subscriptions']),
  rule('invalid_validity', m.dt_rule_invalid_validity, ['subscription_versions']),
  rule('negative_price', m.dt_rule_negative_price, ['plans', 'subscription_versions']),
  rule('non_positive_quantity', m.dt_rule_non_positive_quantity, ['subscription_versions']),
  rule('negative_total', m.dt_rule_negative_total, ['invoices']),
  rule('due_before_issue', m.dt_rule_due_before_issue, ['invoices']),
  rule('duplicate_number', m.dt_rule_duplicate_number, ['invoices']),
  rule('total_mismatch', m.dt_rule_total_mismatch, ['invoices']),
  rule('lines_mismatch', m.dt_rule_lines_mismatch, ['invoices']),
  rule('overpaid_invoice', m.dt_rule_overpaid_invoice, ['invoices']),
  rule('paid_with_balance', m.dt_rule_paid_with_balance, ['invoices']),
  rule('non_positive_amount', m.dt_rule_non_positive_amount, ['payments', 'payment_allocations', 'credit_notes']),
  rule('refund_exceeds_amount', m.dt_rule_refund_exceeds_amount, ['payments']),
  rule('overallocated_payment', m.dt_rule_overallocated_payment, ['payments']),
  rule('negative_quantity', m.dt_rule_negative_quantity, ['usage_records']),
  rule('invalid_bucket', m.dt_rule_invalid_bucket, ['usage_records']),
];

const BY_RULE = new Map(CONTRACT_RULES.map((r) => [r.rule, r]));

/** The rule's description, or undefined for a rule this list does not know. */
export function contractRule(rule: string): ContractRule | undefined {
  return BY_RULE.get(rule);
}

/** Query string of the quarantined rows of one table and rule (page and API share the names). */
export function quarantineRowsQuery(tableName: string, rule: string, extra: Record<string, string> = {}): string {
  return new URLSearchParams({ table: tableName, rule, ...extra }).toString();
}

/** Download link of every row of one table quarantined under one rule. */
export function quarantineCsvHref(tableName: string, rule: string): string {
  return `/api/v1/quarantine/rows?${quarantineRowsQuery(tableName, rule, { format: 'csv' })}`;
}
