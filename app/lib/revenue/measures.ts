import type { RevenueAmountColumn, RevenueCountColumn } from './types.ts';

/**
 * Labels and short definitions of the revenue mart's columns, shown beside every figure.
 * The canonical definitions are the SQL in sql/marts/revenue_monthly.sql.
 */
export interface MeasureDefinition {
  readonly label: string;
  readonly definition: string;
}

export const AMOUNT_MEASURES: Readonly<Record<RevenueAmountColumn, MeasureDefinition>> = {
  invoiced_minor: {
    label: 'Invoiced',
    definition: 'Totals incl. tax of finalized invoices (open, paid, uncollectible), by invoice month.',
  },
  invoiced_net_minor: {
    label: 'Invoiced (net)',
    definition: 'Invoice subtotals excl. tax, same invoices as Invoiced.',
  },
  tax_minor: { label: 'Tax', definition: 'Tax on the same invoices (Invoiced − Invoiced net).' },
  collected_minor: {
    label: 'Collected',
    definition: 'Cash received: succeeded, later refunded or charged-back payments, by month received.',
  },
  refunds_minor: {
    label: 'Refunds',
    definition: 'Refunded and charged-back amounts, by month of the refund.',
  },
  credit_notes_minor: { label: 'Credit notes', definition: 'Issued credit notes, by issue month.' },
  net_collected_minor: { label: 'Net collected', definition: 'Collected − Refunds.' },
};

export const COUNT_MEASURES: Readonly<Record<RevenueCountColumn, MeasureDefinition>> = {
  invoice_count: { label: 'Invoices', definition: 'Number of finalized invoices, by invoice month.' },
  payment_count: { label: 'Payments', definition: 'Number of payments counted in Collected.' },
};

/** Column order of the monthly table and the CSV export. */
export const MONTHLY_COLUMNS = [
  'invoice_count',
  'invoiced_minor',
  'invoiced_net_minor',
  'tax_minor',
  'payment_count',
  'collected_minor',
  'refunds_minor',
  'net_collected_minor',
  'credit_notes_minor',
] as const satisfies readonly (RevenueAmountColumn | RevenueCountColumn)[];

/** The KPI cards, in order. */
export const KPI_MEASURES = ['invoiced_minor', 'collected_minor', 'credit_notes_minor', 'refunds_minor'] as const satisfies readonly RevenueAmountColumn[];

export function isAmountColumn(column: string): column is RevenueAmountColumn {
  return column in AMOUNT_MEASURES;
}

/** Whether a rise of the measure is good news (colours the KPI change); refunds and credit notes are not. */
export const HIGHER_IS_BETTER: Readonly<Record<RevenueAmountColumn, boolean>> = {
  invoiced_minor: true,
  invoiced_net_minor: true,
  tax_minor: true,
  collected_minor: true,
  refunds_minor: false,
  credit_notes_minor: false,
  net_collected_minor: true,
};
