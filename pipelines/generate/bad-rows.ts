import type { RowWriter } from './row-writer.ts';

/**
 * Rows that break the contract on purpose, the kinds real billing exports contain, so the sync's
 * quarantine always has something to show. Each id starts with `bad_` and names what is wrong.
 */
export function writeBadRows(out: RowWriter, copies: number, sample: { invoice: readonly unknown[]; payment: readonly unknown[] }): number {
  const [invId, invNumber, customerId, , , currency, issuedAt, dueAt, periodStart, periodEnd, , , , total] = sample.invoice as string[];
  const [payId] = sample.payment as string[];
  const issued = String(issuedAt);
  let written = 0;
  const w: RowWriter['write'] = (table, values) => { written++; out.write(table, values); };
  for (let i = 1; i <= copies; i++) {
    w('invoices', [`bad_negative_total_${i}`, `NEG-${i}`, customerId!, null, 'open', currency!, issued, dueAt!, periodStart!, periodEnd!, -5000, -1000, 0, -6000, null, issued]);
    w('invoices', [`bad_due_before_issue_${i}`, `DBI-${i}`, customerId!, null, 'open', currency!, issued, new Date(Date.parse(issued) - 86_400_000 * 3).toISOString(), periodStart!, periodEnd!, 10000, 2000, 0, 12000, null, issued]);
    w('invoices', [`bad_orphan_customer_${i}`, `ORF-${i}`, `cus_missing_${i}`, null, 'open', currency!, issued, dueAt!, periodStart!, periodEnd!, 10000, 2000, 0, 12000, null, issued]);
    w('invoices', [`bad_duplicate_number_${i}`, invNumber!, customerId!, null, 'open', currency!, issued, dueAt!, periodStart!, periodEnd!, 10000, 2000, 0, 12000, null, issued]);
    w('payments', [`bad_unknown_currency_${i}`, customerId!, issued, 150000, 'RUR', 'bank_transfer', 'succeeded', 0, null, issued]);
    w('payment_allocations', [`bad_over_allocation_${i}`, payId!, invId!, Number(total) + 100_000, issued, issued]);
    w('payment_allocations', [`bad_orphan_payment_${i}`, `pay_missing_${i}`, invId!, 100, issued, issued]);
    w('invoice_lines', [`bad_orphan_invoice_${i}`, `inv_missing_${i}`, 'one_off', null, 'Line of an invoice that does not exist', '1', 1000, 200, periodStart!, periodEnd!, issued]);
    w('usage_records', [`bad_negative_usage_${i}`, customerId!, null, 'voice', issued, 1, '-5', 'minute', issued]);
  }
  return written;
}
