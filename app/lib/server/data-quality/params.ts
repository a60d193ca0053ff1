import { CONTRACT_TABLE_NAMES, type ContractTableName } from '../../../../pipelines/source/contract.ts';
import type { SyncMode } from '../../../../pipelines/services.ts';
import { DataQualityInputError } from './errors.ts';

/** Rows per page of quarantined rows when the caller does not say. */
export const DEFAULT_PAGE_LIMIT = 50;
/** Largest page of quarantined rows one JSON request may ask for. */
export const MAX_PAGE_LIMIT = 500;
/** Largest CSV export of quarantined rows (one table and rule). */
export const MAX_CSV_LIMIT = 100_000;

const RULE = /^[a-z_]+$/;
const MAX_RULE_LENGTH = 64;
const DIGITS = /^\d{1,15}$/;

/** The table name if it is one of the contract tables; else DataQualityInputError BAD_TABLE. */
export function checkTableName(value: unknown, param = 'table'): ContractTableName {
  if (typeof value === 'string' && (CONTRACT_TABLE_NAMES as readonly string[]).includes(value)) return value as ContractTableName;
  throw new DataQualityInputError('BAD_TABLE', param, `${param}=${JSON.stringify(value ?? '')} is not a contract table; use one of ${CONTRACT_TABLE_NAMES.join(', ')}`);
}

/** A rule name: lower-case letters and underscores (e.g. negative_total); else BAD_RULE. */
export function checkRuleName(value: unknown, param = 'rule'): string {
  if (typeof value === 'string' && value.length <= MAX_RULE_LENGTH && RULE.test(value)) return value;
  throw new DataQualityInputError('BAD_RULE', param, `${param}=${JSON.stringify(value ?? '')} is not a rule name; write lower-case letters and underscores, e.g. negative_total`);
}

/** A whole number within [min, max]; else BAD_LIMIT / BAD_OFFSET. */
export function checkPaging(limit: number, offset: number, maxLimit = MAX_PAGE_LIMIT): { limit: number; offset: number } {
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > maxLimit) {
    throw new DataQualityInputError('BAD_LIMIT', 'limit', `limit=${limit} must be a whole number from 1 to ${maxLimit}`);
  }
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw new DataQualityInputError('BAD_OFFSET', 'offset', `offset=${offset} must be a whole number, 0 or more`);
  }
  return { limit, offset };
}

function wholeNumber(params: URLSearchParams, name: 'limit' | 'offset', fallback: number): number {
  const raw = params.get(name)?.trim();
  if (!raw) return fallback;
  if (!DIGITS.test(raw)) {
    throw new DataQualityInputError(name === 'limit' ? 'BAD_LIMIT' : 'BAD_OFFSET', name, `${name}=${JSON.stringify(raw)} is not a whole number`);
  }
  return Number(raw);
}

export interface QuarantineRowsInput {
  readonly table: ContractTableName;
  readonly rule: string;
  readonly limit: number;
  readonly offset: number;
}

/**
 * Reads table, rule, limit and offset from a query string (GET /api/v1/quarantine/rows and the
 * page). `defaultLimit`/`maxLimit` differ for a screen page and a CSV export.
 */
export function parseQuarantineRowsInput(
  params: URLSearchParams,
  { defaultLimit = DEFAULT_PAGE_LIMIT, maxLimit = MAX_PAGE_LIMIT }: { defaultLimit?: number; maxLimit?: number } = {},
): QuarantineRowsInput {
  const table = checkTableName(params.get('table')?.trim());
  const rule = checkRuleName(params.get('rule')?.trim());
  const { limit, offset } = checkPaging(wholeNumber(params, 'limit', defaultLimit), wholeNumber(params, 'offset', 0), maxLimit);
  return { table, rule, limit, offset };
}

/** A sync run id (positive whole number) from a path or query parameter; else BAD_RUN_ID. */
export function parseRunId(value: string | undefined | null, param = 'runId'): bigint {
  const raw = value?.trim() ?? '';
  if (!DIGITS.test(raw) || BigInt(raw) < 1n) {
    throw new DataQualityInputError('BAD_RUN_ID', param, `${param}=${JSON.stringify(raw)} is not a sync run id; write a positive whole number, e.g. 3`);
  }
  return BigInt(raw);
}

/** ?mode=full|incremental for POST /api/v1/sync; absent or empty means auto (undefined). */
export function parseSyncMode(value: string | undefined | null): SyncMode | undefined {
  const raw = value?.trim();
  if (!raw || raw === 'auto') return undefined;
  if (raw === 'full' || raw === 'incremental') return raw;
  throw new DataQualityInputError('BAD_MODE', 'mode', `mode=${JSON.stringify(raw)} is not a sync mode; use full, incremental or leave it out (auto)`);
}
