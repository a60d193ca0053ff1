import type { DuckDBDateValue, DuckDBDecimalValue, DuckDBTimestampValue } from '@duckdb/node-api';
import { currencyDecimals, isCurrencyCode, minorToDecimalString } from '../../money.ts';
import type { ExportColumn } from './types.ts';

/** Most characters Excel keeps in one cell. */
export const XLSX_MAX_CELL_CHARS = 32_767;
/** Data rows per sheet: Excel's 1,048,576 rows less the header. */
export const XLSX_MAX_DATA_ROWS = 1_048_575;

export const XLSX_DATE_FORMAT = 'yyyy-mm-dd';
export const XLSX_TIMESTAMP_FORMAT = 'yyyy-mm-dd hh:mm:ss';
/** Number format of money whose currency is missing or not ISO 4217: the raw minor units, labelled. */
export const XLSX_MINOR_UNITS_FORMAT = '#,##0 "minor units"';

const MS_PER_DAY = 86_400_000;

const formatCache = new Map<string, string>();

/** Excel number format of a currency: its decimals and its code, e.g. `#,##0.00 "RUB"`, `#,##0 "JPY"`, `#,##0.000 "KWD"`. */
export function currencyNumberFormat(currency: string): string {
  let format = formatCache.get(currency);
  if (!format) {
    const decimals = currencyDecimals(currency);
    format = `#,##0${decimals > 0 ? '.' + '0'.repeat(decimals) : ''} "${currency}"`;
    formatCache.set(currency, format);
  }
  return format;
}

/**
 * Money for a cell: the major-unit amount as the number nearest to its exact decimal (the decimal
 * string of minorToDecimalString, parsed once — "1234.56" stays 1234.56 in the file, no arithmetic
 * on floats), and the currency's number format. Amounts up to 2^53 minor units are exact; Excel
 * itself keeps 15 significant digits.
 */
export function moneyCell(minor: bigint | number, currency: unknown): { value: number; numFmt: string } {
  const m = typeof minor === 'bigint' ? minor : BigInt(minor);
  if (typeof currency === 'string' && isCurrencyCode(currency)) {
    return { value: Number(minorToDecimalString(m, currency)), numFmt: currencyNumberFormat(currency) };
  }
  return { value: Number(m), numFmt: XLSX_MINOR_UNITS_FORMAT };
}

// Characters XML 1.0 cannot carry (controls other than tab, LF, CR; U+FFFE/FFFF; lone surrogates): they would corrupt the sheet.
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text for a cell: characters XML cannot hold become U+FFFD; longer than Excel's cell limit is cut there. */
export function textCell(value: unknown): string {
  let text = String(value).replace(XML_INVALID, '\uFFFD');
  if (text.length > XLSX_MAX_CELL_CHARS) text = text.slice(0, XLSX_MAX_CELL_CHARS);
  return text;
}

/**
 * A DuckDB value of a column as an Excel cell value: numbers as numbers, DATE and TIMESTAMP as Dates
 * (exceljs writes a Date as its serial day number, reading the Date in UTC, so the calendar day or
 * wall-clock time is kept). TIMESTAMPTZ arrives here already as TIMESTAMP in the export's zone.
 */
export function cellValue(column: ExportColumn, value: unknown): string | number | boolean | Date | null {
  if (value === null || value === undefined) return null;
  switch (column.kind) {
    case 'boolean':
      return Boolean(value);
    case 'integer':
    case 'bigint':
    case 'double':
      return Number(value);
    case 'decimal':
      return Number((value as DuckDBDecimalValue).toString());
    case 'date':
      return new Date((value as DuckDBDateValue).days * MS_PER_DAY);
    case 'timestamp':
    case 'timestamptz':
      return new Date(Number((value as DuckDBTimestampValue).micros / 1000n));
    case 'text':
      return textCell(value);
  }
}
