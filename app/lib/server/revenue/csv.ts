import { minorToDecimalString } from '../../money.ts';
import { csvText } from '../csv.ts';
import { isAmountColumn, MONTHLY_COLUMNS } from '../../revenue/measures.ts';
import type { RevenueFilters, RevenueMonthlyRow } from '../../revenue/types.ts';

/** Header of the export: money columns twice, `<name>_minor` (integer minor units) and `<name>` (exact decimal major units). */
export function revenueCsvHeader(): string[] {
  const header = ['month', 'currency', 'segment', 'region'];
  for (const column of MONTHLY_COLUMNS) {
    header.push(column);
    if (isAmountColumn(column)) header.push(column.replace(/_minor$/, ''));
  }
  return header;
}

/**
 * The monthly figures as CSV (CRLF line ends, header row). Segment and region say "all" when not
 * filtered. Major units are exact decimal strings from the integer minor units: no floats.
 */
export function revenueMonthlyCsv(rows: readonly RevenueMonthlyRow[], filters: RevenueFilters): string {
  const lines = [revenueCsvHeader()];
  for (const row of rows) {
    const line = [row.month, filters.currency, filters.segment ?? 'all', filters.region ?? 'all'];
    for (const column of MONTHLY_COLUMNS) {
      line.push(row[column].toString());
      if (isAmountColumn(column)) line.push(minorToDecimalString(row[column], filters.currency));
    }
    lines.push(line);
  }
  return csvText(lines);
}

/** e.g. revenue-monthly_USD_2024-02_2025-01.csv */
export function revenueCsvFilename(filters: RevenueFilters): string {
  return `revenue-monthly_${filters.currency}_${filters.from}_${filters.to}.csv`;
}
