/**
 * The contract rules of the quarantine, in plain words, for the data-quality page. The rules
 * themselves are the CTEs of sql/staging/contract_violations.sql; a test checks this list names
 * exactly the rules that file can emit.
 */
export interface ContractRule {
  readonly rule: string;
  /** What the rule checks, in one short sentence. */
  readonly checks: string;
  /** Contract tables the rule applies to. */
  readonly tables: readonly string[];
}

export const CONTRACT_RULES: readonly ContractRule[] = [
  { rule: 'duplicate_id', checks: 'The same id appears more than once.', tables: ['all tables'] },
  { rule: 'orphan_customer', checks: 'Refers to a customer that does not exist.', tables: ['subscriptions', 'invoices', 'payments', 'usage_records'] },
  { rule: 'orphan_plan', checks: 'Refers to a plan that does not exist.', tables: ['subscriptions', 'subscription_versions'] },
  { rule: 'orphan_subscription', checks: 'Refers to a subscription that does not exist.', tables: ['subscription_versions'] },
  { rule: 'orphan_invoice', checks: 'Refers to an invoice that does not exist.', tables: ['invoice_lines', 'payment_allocations', 'credit_notes'] },
  { rule: 'orphan_payment', checks: 'Refers to a payment that does not exist.', tables: ['payment_allocations'] },
  { rule: 'parent_quarantined', checks: 'The customer, plan, subscription, invoice or payment it belongs to is quarantined.', tables: ['dependent tables'] },
  { rule: 'unknown_currency', checks: 'Currency is missing or not an ISO 4217 code.', tables: ['customers', 'plans', 'subscription_versions', 'invoices', 'payments', 'credit_notes'] },
  { rule: 'currency_mismatch', checks: 'Currency differs from the invoice it is applied to.', tables: ['payment_allocations', 'credit_notes'] },
  { rule: 'unknown_status', checks: 'Status is missing or not one the contract allows.', tables: ['subscriptions', 'invoices', 'payments', 'credit_notes'] },
  { rule: 'unknown_segment', checks: 'Segment is not consumer, smb or enterprise.', tables: ['customers'] },
  { rule: 'unknown_kind', checks: 'Plan or invoice-line kind is not one the contract allows.', tables: ['plans', 'invoice_lines'] },
  { rule: 'invalid_billing_period', checks: 'Billing period is not 1, 3, 6 or 12 months.', tables: ['plans'] },
  { rule: 'closed_before_created', checks: 'Closed before it was created.', tables: ['customers'] },
  { rule: 'ended_before_started', checks: 'Ended before it started.', tables: ['subscriptions'] },
  { rule: 'invalid_validity', checks: 'Valid to a date before it is valid from.', tables: ['subscription_versions'] },
  { rule: 'negative_price', checks: 'Price or discount is negative.', tables: ['plans', 'subscription_versions'] },
  { rule: 'non_positive_quantity', checks: 'Quantity is zero or negative.', tables: ['subscription_versions'] },
  { rule: 'negative_total', checks: 'Invoice total is negative.', tables: ['invoices'] },
  { rule: 'due_before_issue', checks: 'Invoice is due before it was issued.', tables: ['invoices'] },
  { rule: 'duplicate_number', checks: 'Two or more invoices share a number.', tables: ['invoices'] },
  { rule: 'total_mismatch', checks: 'Total ≠ subtotal + tax − credits applied.', tables: ['invoices'] },
  { rule: 'lines_mismatch', checks: 'Invoice lines do not add up to the subtotal and tax.', tables: ['invoices'] },
  { rule: 'overpaid_invoice', checks: 'Payments and credit notes applied exceed the total.', tables: ['invoices'] },
  { rule: 'paid_with_balance', checks: 'Marked paid but an amount is still due.', tables: ['invoices'] },
  { rule: 'non_positive_amount', checks: 'Amount is zero or negative.', tables: ['payments', 'payment_allocations', 'credit_notes'] },
  { rule: 'refund_exceeds_amount', checks: 'Refunded more than was paid, or a negative refund.', tables: ['payments'] },
  { rule: 'overallocated_payment', checks: 'Allocated to invoices more than was paid less refunds.', tables: ['payments'] },
  { rule: 'negative_quantity', checks: 'Usage quantity is negative.', tables: ['usage_records'] },
  { rule: 'invalid_bucket', checks: 'Usage bucket is not 1 or 24 hours.', tables: ['usage_records'] },
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
