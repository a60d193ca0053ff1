/**
 * The income statement's lines, in order, with the words a finance reader sees beside each. The
 * canonical definitions are the SQL headers of sql/marts/revenue_monthly.sql and
 * sql/marts/income_statement_monthly.sql; these texts summarise them.
 */
export const INCOME_LINES = [
  { key: 'recurring_minor', label: 'Recurring charges', kind: 'detail', definition: 'Subscription fees on finalized invoices, before tax and discounts, by month issued.' },
  { key: 'usage_minor', label: 'Usage charges', kind: 'detail', definition: 'Metered usage (overage, pay-as-you-go) on finalized invoices, before tax, by month issued.' },
  { key: 'one_off_minor', label: 'One-off charges', kind: 'detail', definition: 'Installation, equipment and other one-off lines, before tax, by month issued.' },
  { key: 'discounts_minor', label: 'Discounts', kind: 'detail', definition: 'Discount lines (negative), by month issued.' },
  { key: 'late_fees_minor', label: 'Late-fee income', kind: 'detail', definition: 'Late fees (пеня) charged on overdue invoices, before tax, by month issued.' },
  { key: 'invoiced_net_minor', label: 'Invoiced, net of tax', kind: 'total', definition: 'Subtotals of finalized invoices (open, paid, uncollectible): the lines above.' },
  { key: 'tax_minor', label: 'Tax', kind: 'detail', definition: 'Tax on the same invoices.' },
  { key: 'invoiced_minor', label: 'Invoiced, incl. tax', kind: 'total', definition: 'Invoice totals: net + tax − prepaid credit applied.' },
  { key: 'recognised_minor', label: 'Revenue recognised', kind: 'total', definition: 'Every line before tax spread by day over its service period (straight line); a yearly plan is recognised 1/12 a month.' },
  { key: 'deferred_minor', label: 'Deferred (+) / unbilled (−) revenue at period end', kind: 'balance', definition: 'Invoiced net of tax to date − recognised to date. Positive: billed ahead of the service (deferred revenue). Negative: service delivered but billed later, as usage billed in arrears (unbilled revenue).' },
  { key: 'credit_notes_minor', label: 'Credit notes issued', kind: 'detail', definition: 'All issued credit notes (outage, billing error, goodwill, dispute, write-off), by month issued.' },
  { key: 'write_offs_minor', label: 'of which bad-debt write-offs', kind: 'sub', definition: 'Credit notes with reason write_off.' },
  { key: 'collected_minor', label: 'Cash collected', kind: 'total', definition: 'Payments received (succeeded, later refunded or charged back), by month received.' },
  { key: 'refunds_minor', label: 'Refunds and chargebacks', kind: 'detail', definition: 'Money returned to customers, by month returned.' },
  { key: 'net_collected_minor', label: 'Net cash collected', kind: 'total', definition: 'Cash collected − refunds and chargebacks.' },
] as const;

export type IncomeLineKey = (typeof INCOME_LINES)[number]['key'];
