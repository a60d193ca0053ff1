import { minorToDecimalString } from '../../money.ts';
import { INCOME_LINES } from '../../income/lines.ts';
import type { IncomeStatement } from '../../income/types.ts';
import { csvText } from '../csv.ts';

/**
 * The statement as CSV, one row per line item: the periods, the range total and the comparison
 * total, each as exact decimal major units; a final block lists the exchange rates used.
 */
export function incomeStatementCsv(statement: IncomeStatement): string {
  const { filters } = statement;
  const currency = filters.currency;
  const header = ['line', 'currency', ...statement.periods.map((p) => p.label), `total ${filters.from}..${filters.to}`, `comparison ${statement.comparison.from}..${statement.comparison.to}`, 'definition'];
  const lines: string[][] = [header];
  for (const line of INCOME_LINES) {
    lines.push([
      line.label,
      currency,
      ...statement.periods.map((p) => minorToDecimalString(p.amounts[line.key], currency)),
      minorToDecimalString(statement.total[line.key], currency),
      minorToDecimalString(statement.comparison.total[line.key], currency),
      line.definition,
    ]);
  }
  if (filters.converted) {
    lines.push([]);
    lines.push(['exchange rates used (closing rate of each month)', 'from', 'to', 'month', 'rate', 'rate date', 'how']);
    for (const r of statement.rates) lines.push(['', r.currency, r.reporting, r.month ?? '', r.rateText, r.date, r.via === 'cross' ? `cross via ${r.through}` : r.via]);
  }
  return csvText(lines);
}

export function incomeCsvFilename(statement: IncomeStatement): string {
  const f = statement.filters;
  return `income-statement_${f.converted ? `all-in-${f.currency}` : f.currency}_${f.from}_${f.to}_${f.granularity}.csv`;
}
