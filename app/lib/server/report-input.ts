import { addMonths, isMonthString, monthSpan, type MonthString } from '../months.ts';
import type { ReportFilters } from '../report-filters.ts';

/**
 * Request parameters shared by the usage and preferences pages and API: from/to months, segment,
 * region, format, top. Empty values count as absent; bad values throw ReportInputError (HTTP 400).
 */

export type ReportInputErrorCode =
  | 'BAD_MONTH'
  | 'MONTH_RANGE_REVERSED'
  | 'MONTH_RANGE_TOO_LONG'
  | 'BAD_DIMENSION'
  | 'BAD_FORMAT'
  | 'BAD_SERVICE'
  | 'BAD_TOP'
  | 'BAD_PART';

/** A usage or preferences request the caller must fix; `param` names the query parameter at fault. */
export class ReportInputError extends Error {
  readonly status = 400;
  constructor(
    readonly code: ReportInputErrorCode,
    readonly param: string,
    message: string,
  ) {
    super(message);
  }
}

/** At most 10 years in one request. */
export const MAX_MONTHS = 120;
const MAX_TEXT = 200;

export interface ReportFilterInput {
  readonly from?: MonthString;
  readonly to?: MonthString;
  readonly segment: string | null;
  readonly region: string | null;
}

const text = (params: URLSearchParams, name: string) => {
  const value = params.get(name)?.trim();
  return value ? value : undefined;
};

export function parseReportFilterInput(params: URLSearchParams): ReportFilterInput {
  const month = (name: 'from' | 'to') => {
    const value = text(params, name);
    if (value === undefined) return undefined;
    if (!isMonthString(value)) throw new ReportInputError('BAD_MONTH', name, `${name}=${JSON.stringify(value)} is not a month; write YYYY-MM, e.g. 2025-01`);
    return value;
  };
  const dimension = (name: 'segment' | 'region') => {
    const value = text(params, name);
    if (value !== undefined && value.length > MAX_TEXT) throw new ReportInputError('BAD_DIMENSION', name, `${name} is longer than ${MAX_TEXT} characters`);
    return value ?? null;
  };
  const from = month('from');
  const to = month('to');
  if (from && to) checkRange(from, to);
  return { from, to, segment: dimension('segment'), region: dimension('region') };
}

function checkRange(from: MonthString, to: MonthString): void {
  const span = monthSpan(from, to);
  if (span < 1) throw new ReportInputError('MONTH_RANGE_REVERSED', 'from', `from=${from} is after to=${to}`);
  if (span > MAX_MONTHS) throw new ReportInputError('MONTH_RANGE_TOO_LONG', 'from', `${from}…${to} is ${span} months; ask for at most ${MAX_MONTHS}`);
}

/**
 * Fills the period: `to` defaults to `latest` (the latest month with data, or the current business
 * month), `from` to eleven months before `to` (twelve months shown).
 */
export function resolveReportFilters(input: ReportFilterInput, latest: MonthString): ReportFilters {
  let to = input.to ?? latest;
  if (!input.to && input.from && monthSpan(input.from, to) < 1) to = input.from;
  const from = input.from ?? addMonths(to, -11);
  checkRange(from, to);
  return { from, to, segment: input.segment, region: input.region };
}

/** The same months a year earlier. */
export function previousYear<T extends ReportFilters>(filters: T): T {
  return { ...filters, from: addMonths(filters.from, -12), to: addMonths(filters.to, -12) };
}

export type ResponseFormat = 'json' | 'csv';

export function parseFormat(params: URLSearchParams): ResponseFormat {
  const format = text(params, 'format') ?? 'json';
  if (format !== 'json' && format !== 'csv') throw new ReportInputError('BAD_FORMAT', 'format', `format=${JSON.stringify(format)} is not supported; use json or csv`);
  return format;
}

/** `top` (how many rows of a ranking), 1–max, default `fallback`. */
export function parseTop(params: URLSearchParams, fallback: number, max: number): number {
  const raw = text(params, 'top');
  if (raw === undefined) return fallback;
  if (!/^\d{1,4}$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    throw new ReportInputError('BAD_TOP', 'top', `top=${JSON.stringify(raw)} must be a whole number from 1 to ${max}`);
  }
  return Number(raw);
}

/** Which table of a several-table endpoint to export as CSV: one of `parts`. */
export function parsePart<P extends string>(params: URLSearchParams, parts: readonly P[]): P {
  const raw = text(params, 'part');
  if (raw === undefined || !(parts as readonly string[]).includes(raw)) {
    throw new ReportInputError('BAD_PART', 'part', `part=${JSON.stringify(raw ?? '')} is not one of ${parts.join(', ')}`);
  }
  return raw as P;
}
