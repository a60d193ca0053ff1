import { m } from '../paraglide/messages.js';
import type { IncomeLineKey } from './lines.ts';

/**
 * The income statement's line labels and definitions in the page's language. lines.ts keeps the
 * English table (the CSV export and the overview read it); the screen asks here.
 */
const TEXT: Readonly<Record<IncomeLineKey, () => { label: string; definition: string }>> = {
  recurring_minor: () => ({ label: m.rv_line_recurring(), definition: m.rv_line_recurring_def() }),
  usage_minor: () => ({ label: m.rv_line_usage(), definition: m.rv_line_usage_def() }),
  one_off_minor: () => ({ label: m.rv_line_one_off(), definition: m.rv_line_one_off_def() }),
  discounts_minor: () => ({ label: m.rv_line_discounts(), definition: m.rv_line_discounts_def() }),
  late_fees_minor: () => ({ label: m.rv_line_late_fees(), definition: m.rv_line_late_fees_def() }),
  invoiced_net_minor: () => ({ label: m.rv_line_invoiced_net(), definition: m.rv_line_invoiced_net_def() }),
  tax_minor: () => ({ label: m.rv_line_tax(), definition: m.rv_line_tax_def() }),
  invoiced_minor: () => ({ label: m.rv_line_invoiced(), definition: m.rv_line_invoiced_def() }),
  recognised_minor: () => ({ label: m.rv_line_recognised(), definition: m.rv_line_recognised_def() }),
  deferred_minor: () => ({ label: m.rv_line_deferred(), definition: m.rv_line_deferred_def() }),
  credit_notes_minor: () => ({ label: m.rv_line_credit_notes(), definition: m.rv_line_credit_notes_def() }),
  write_offs_minor: () => ({ label: m.rv_line_write_offs(), definition: m.rv_line_write_offs_def() }),
  collected_minor: () => ({ label: m.rv_line_collected(), definition: m.rv_line_collected_def() }),
  refunds_minor: () => ({ label: m.rv_line_refunds(), definition: m.rv_line_refunds_def() }),
  net_collected_minor: () => ({ label: m.rv_line_net_collected(), definition: m.rv_line_net_collected_def() }),
};

export function lineText(key: IncomeLineKey): { label: string; definition: string } {
  return TEXT[key]();
}

/**
 * A period's column label in the page's language. The server labels a period its range cuts short
 * "2025-Q1 (2 of 3 mo)" (the CSV keeps that); the page says it in its language.
 */
export function periodText(label: string): string {
  const partial = /^(.*) \((\d+) of (\d+) mo\)$/.exec(label);
  return partial ? m.rv_partial_period({ label: partial[1]!, months: partial[2]!, size: partial[3]! }) : label;
}
