import type { QuarantinedRowsPage } from '../../data-quality/types.ts';
import { csvText } from '../csv.ts';

/** Quarantined rows as CSV: table, row_id, rule, detail (CRLF line ends, header row). */
export function quarantinedRowsCsv(page: QuarantinedRowsPage): string {
  return csvText([['table', 'row_id', 'rule', 'detail'], ...page.rows.map((r) => [page.tableName, r.rowId, r.rule, r.detail])]);
}

/** e.g. quarantine_invoices_negative_total.csv (table and rule are validated identifiers). */
export function quarantinedRowsCsvFilename(page: Pick<QuarantinedRowsPage, 'tableName' | 'rule'>): string {
  return `quarantine_${page.tableName}_${page.rule}.csv`;
}
