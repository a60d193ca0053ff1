import { isCurrencyCode } from '../../money.ts';
import type { IncomeComparison, IncomeGranularity } from '../../income/types.ts';
import { RevenueFilterError } from '../revenue/errors.ts';
import { parseRevenueFilterInput, type RevenueFilterInput } from '../revenue/filters.ts';

/** The income statement's query string before defaults: the revenue filters plus its own choices. */
export interface IncomeInput extends RevenueFilterInput {
  /** Convert every currency into this one (ISO 4217); absent = show one currency unconverted. */
  readonly reporting?: string;
  readonly granularity: IncomeGranularity;
  readonly compare: IncomeComparison;
}

const GRANULARITIES: readonly IncomeGranularity[] = ['month', 'quarter', 'year'];
const COMPARISONS: readonly IncomeComparison[] = ['previous', 'year'];

/** Reads from, to, segment, region, currency, reporting, granularity and compare; 400s name the parameter. */
export function parseIncomeInput(params: URLSearchParams): IncomeInput {
  const base = parseRevenueFilterInput(params);
  const granularity = (params.get('granularity')?.trim() || 'month') as IncomeGranularity;
  if (!GRANULARITIES.includes(granularity)) {
    throw new RevenueFilterError('BAD_FORMAT', 'granularity', `granularity=${JSON.stringify(granularity)} must be month, quarter or year`);
  }
  const compare = (params.get('compare')?.trim() || 'previous') as IncomeComparison;
  if (!COMPARISONS.includes(compare)) {
    throw new RevenueFilterError('BAD_FORMAT', 'compare', `compare=${JSON.stringify(compare)} must be previous (the period just before) or year (a year earlier)`);
  }
  const rawReporting = params.get('reporting')?.trim();
  let reporting: string | undefined;
  if (rawReporting) {
    reporting = rawReporting.toUpperCase();
    if (!isCurrencyCode(reporting)) {
      throw new RevenueFilterError('BAD_CURRENCY', 'reporting', `reporting=${JSON.stringify(rawReporting)} is not an ISO 4217 code; write three letters, e.g. RUB`);
    }
  }
  return { ...base, reporting, granularity, compare };
}
