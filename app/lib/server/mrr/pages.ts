import { addMonths, type MonthString } from '../../months.ts';
import { mrrDefinitions, type MrrDefinitions } from './definitions.ts';
import { mrrCohorts, mrrCurrencies, mrrFilterOptions, mrrPeriods } from './load.ts';
import type { Db } from './queries.ts';
import { resolveMrrRequest } from './request.ts';
import type { CohortCell, MrrInput, MrrPeriodRow } from './types.ts';
import { isCurrencyCode } from '../../money.ts';
import type { FxRateBook } from '../fx/convert.ts';
import { convertMrrPeriods, type ReportingMrr } from './reporting.ts';
import { MrrInputError } from './errors.ts';

/** Cohorts the /retention heatmaps show: the last twelve signup months of the range. */
export const COHORT_MONTHS = 12;

/** Everything /mrr and /retention show. Every money figure is in one currency. */
export interface MrrPage {
  readonly input: MrrInput;
  readonly range: { readonly from: MonthString; readonly to: MonthString } | null;
  /** Currencies with MRR, most customer-months first. */
  readonly currencies: readonly string[];
  /** The currency of the charts and tables: the filter's, else the first of `currencies`; null before any data. */
  readonly currency: string | null;
  readonly options: { readonly segments: readonly string[]; readonly regions: readonly string[]; readonly plans: readonly string[] };
  /** The last period of each currency (all currencies, whatever the currency filter): never added together. */
  readonly latestByCurrency: readonly MrrPeriodRow[];
  /** Every period of `currency`, oldest first (no breakdown). */
  readonly periods: readonly MrrPeriodRow[];
  /** With a breakdown: every period × group of `currency`. */
  readonly breakdown: readonly MrrPeriodRow[];
  readonly definitions: MrrDefinitions;
  /** With `reporting=XXX`: every currency converted into XXX at month-end rates, with an FX-effect line. */
  readonly reporting: ReportingMrr | null;
  /** Currencies the rate table can convert into (for the picker). */
  readonly reportingCurrencies: readonly string[];
}

export interface RetentionPage extends MrrPage {
  readonly cohortRange: { readonly from: MonthString; readonly to: MonthString } | null;
  readonly cohorts: readonly CohortCell[];
}

/** Parses the request (MrrInputError on bad input) and loads the /mrr page. */
export async function loadMrrPage(db: Db, search: URLSearchParams, rates?: FxRateBook): Promise<MrrPage> {
  const { input, range } = await resolveMrrRequest(db, search);
  const reportingCode = parseReporting(search);
  const reportingCurrencies = rates?.currencies() ?? [];
  const [currencies, options] = await Promise.all([mrrCurrencies(db), mrrFilterOptions(db)]);
  const currency = input.filters.currency ?? currencies[0] ?? null;
  const definitions = mrrDefinitions();
  if (!range || !currency) return { input, range, currencies, currency, options, latestByCurrency: [], periods: [], breakdown: [], definitions, reporting: null, reportingCurrencies };
  const overall = await mrrPeriods(db, { ...input, groupBy: 'none', filters: { ...input.filters, currency: null } }, range);
  const latestByCurrency = [...new Map(overall.map((r) => [r.currency, r])).values()];
  const periods = overall.filter((r) => r.currency === currency);
  const breakdown = input.groupBy === 'none' ? [] : await mrrPeriods(db, { ...input, filters: { ...input.filters, currency } }, range);
  // Conversion covers every currency of the unfiltered bridge (segment/region/plan filters apply).
  const reporting = reportingCode && rates ? convertMrrPeriods(overall, reportingCode, rates) : null;
  return { input, range, currencies, currency, options, latestByCurrency, periods, breakdown, definitions, reporting, reportingCurrencies };
}

function parseReporting(search: URLSearchParams): string | null {
  const raw = search.get('reporting')?.trim();
  if (!raw) return null;
  const code = raw.toUpperCase();
  if (!isCurrencyCode(code)) throw new MrrInputError('BAD_REPORTING', `reporting=${JSON.stringify(raw)} is not an ISO 4217 code; write three letters, e.g. RUB`, 'reporting');
  return code;
}

/** The /retention page: the same figures, plus the cohorts of the last COHORT_MONTHS months of the range. */
export async function loadRetentionPage(db: Db, search: URLSearchParams): Promise<RetentionPage> {
  const page = await loadMrrPage(db, search);
  if (!page.range || !page.currency) return { ...page, cohortRange: null, cohorts: [] };
  const earliest = addMonths(page.range.to, -(COHORT_MONTHS - 1));
  const cohortRange = { from: page.range.from > earliest ? page.range.from : earliest, to: page.range.to };
  const cohorts = await mrrCohorts(db, { ...page.input, filters: { ...page.input.filters, currency: page.currency } }, cohortRange);
  return { ...page, cohortRange, cohorts };
}
