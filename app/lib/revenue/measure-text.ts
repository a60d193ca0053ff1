import { m } from '../paraglide/messages.js';
import type { MeasureDefinition } from './measures.ts';
import type { RevenueAmountColumn, RevenueCountColumn } from './types.ts';

/**
 * The revenue measures' labels and definitions in the page's language. measures.ts keeps the English
 * table (the exports and the overview read it); the screen asks here.
 */
const TEXT: Readonly<Record<RevenueAmountColumn | RevenueCountColumn, () => MeasureDefinition>> = {
  invoiced_minor: () => ({ label: m.rv_measure_invoiced(), definition: m.rv_measure_invoiced_def() }),
  invoiced_net_minor: () => ({ label: m.rv_measure_invoiced_net(), definition: m.rv_measure_invoiced_net_def() }),
  tax_minor: () => ({ label: m.rv_measure_tax(), definition: m.rv_measure_tax_def() }),
  collected_minor: () => ({ label: m.rv_measure_collected(), definition: m.rv_measure_collected_def() }),
  refunds_minor: () => ({ label: m.rv_measure_refunds(), definition: m.rv_measure_refunds_def() }),
  credit_notes_minor: () => ({ label: m.rv_measure_credit_notes(), definition: m.rv_measure_credit_notes_def() }),
  net_collected_minor: () => ({ label: m.rv_measure_net_collected(), definition: m.rv_measure_net_collected_def() }),
  invoice_count: () => ({ label: m.rv_measure_invoices(), definition: m.rv_measure_invoices_def() }),
  payment_count: () => ({ label: m.rv_measure_payments(), definition: m.rv_measure_payments_def() }),
};

export function measureText(column: RevenueAmountColumn | RevenueCountColumn): MeasureDefinition {
  return TEXT[column]();
}
