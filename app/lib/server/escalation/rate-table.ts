/** Looking up dated rates: a rate applies from its date until the next entry's date. */
import { dayNumber } from './dates.ts';
import { EscalationError } from './errors.ts';
import type { DatedRate, DatedRateTable, IsoDate, RateTableRegistry } from './types.ts';

/** Throws RATE_TABLE_INVALID unless the table is non-empty, sorted by date, without duplicate dates. */
export function validateRateTable(table: DatedRateTable): void {
  if (table.rates.length === 0) throw new EscalationError('RATE_TABLE_INVALID', `rateTables.${table.id}`, `rate table "${table.id}" has no rates`);
  let previous = -Infinity;
  table.rates.forEach((entry, i) => {
    const day = dayNumber(entry.from, `rateTables.${table.id}.rates[${i}].from`);
    if (day <= previous) {
      throw new EscalationError('RATE_TABLE_INVALID', `rateTables.${table.id}.rates[${i}]`, `rate table "${table.id}" must be sorted by date without duplicates; ${entry.from} comes after a later or equal date`);
    }
    if (entry.rate.denominator <= 0n || entry.rate.numerator < 0n) {
      throw new EscalationError('RATE_TABLE_INVALID', `rateTables.${table.id}.rates[${i}].rate`, `rate table "${table.id}" has a negative rate or a non-positive denominator on ${entry.from}`);
    }
    previous = day;
  });
}

export function resolveRateTable(registry: RateTableRegistry, id: string): DatedRateTable {
  const table = registry[id];
  if (!table) {
    throw new EscalationError('RATE_TABLE_UNKNOWN', 'rateTableId', `no rate table "${id}"; known tables: ${Object.keys(registry).join(', ') || 'none'}`);
  }
  validateRateTable(table);
  return table;
}

/** The entry in force on `date`; throws NO_RATE_FOR_DATE before the table's first date. */
export function rateOn(table: DatedRateTable, date: IsoDate): DatedRate {
  const day = dayNumber(date);
  let found: DatedRate | undefined;
  for (const entry of table.rates) {
    if (dayNumber(entry.from) > day) break;
    found = entry;
  }
  if (!found) {
    throw new EscalationError('NO_RATE_FOR_DATE', `rateTables.${table.id}`, `rate table "${table.id}" starts on ${table.rates[0]!.from}; it has no rate for ${date}`);
  }
  return found;
}
