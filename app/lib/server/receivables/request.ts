import { ReceivablesInputError } from './errors.ts';
import { parseCurrency } from './params.ts';

/** Request parameters of the receivables API and pages beyond those of ./params.ts. Empty values count as absent. */

const MAX_TEXT = 200;

export type ResponseFormat = 'json' | 'csv';

export function parseFormat(value: string | null): ResponseFormat {
  const format = value || 'json';
  if (format !== 'json' && format !== 'csv') {
    throw new ReceivablesInputError('BAD_FORMAT', `format=${JSON.stringify(format)} is not supported; use json or csv`, 'format');
  }
  return format;
}

/** A segment or region filter; null for all. */
export function parseDimension(value: string | null, param: 'segment' | 'region'): string | null {
  const text = value?.trim();
  if (!text) return null;
  if (text.length > MAX_TEXT) throw new ReceivablesInputError('BAD_DIMENSION', `${param} is longer than ${MAX_TEXT} characters`, param);
  return text;
}

/** The currency a drill-down or trend is about: required (currencies are never summed). */
export function requireCurrency(value: string | null): string {
  const currency = parseCurrency(value);
  if (!currency) throw new ReceivablesInputError('BAD_CURRENCY', 'currency is required, e.g. currency=RUB', 'currency');
  return currency;
}

/** Bucket index of a drill-down (0 = the first bucket); null for every bucket. The upper bound is checked against the buckets. */
export function parseBucketIndex(value: string | null): number | null {
  if (!value) return null;
  if (!/^\d{1,2}$/.test(value)) throw new ReceivablesInputError('BAD_BUCKET', `bucket=${JSON.stringify(value)} is not a bucket number (0 is the first)`, 'bucket');
  return Number(value);
}

/** The group of a drill-down (customer id, segment, region or currency, per groupBy); null for the whole currency. */
export function parseGroupKey(value: string | null): string | null {
  if (value === null || value === '') return null;
  if (value.length > MAX_TEXT) throw new ReceivablesInputError('BAD_KEY', `key is longer than ${MAX_TEXT} characters`, 'key');
  return value;
}

export interface Paging {
  readonly limit: number;
  readonly offset: number;
}

/** limit (1–maxLimit, default defaultLimit) and offset (≥ 0, default 0). */
export function parsePaging(search: URLSearchParams, defaults: { defaultLimit: number; maxLimit: number }): Paging {
  const int = (param: 'limit' | 'offset', fallback: number, min: number, max: number) => {
    const raw = search.get(param);
    if (!raw) return fallback;
    const n = Number(raw);
    if (!/^\d{1,9}$/.test(raw) || n < min || n > max) {
      throw new ReceivablesInputError(param === 'limit' ? 'BAD_LIMIT' : 'BAD_OFFSET', `${param} must be a whole number from ${min} to ${max}`, param);
    }
    return n;
  };
  return { limit: int('limit', defaults.defaultLimit, 1, defaults.maxLimit), offset: int('offset', 0, 0, 1_000_000_000) };
}

