import type { RequestHandler } from 'express';
import type { ReportFilters } from '../../report-filters.ts';
import {
  adoptionCsv,
  combinationsCsv,
  frequencyCsv,
  migrationsCsv,
  planMixCsv,
  preferencesCsvFilename,
  tiersCsv,
} from '../preferences/csv.ts';
import { resolvePreferenceFilters } from '../preferences/load.ts';
import {
  queryAddonAdoption,
  queryCombinations,
  queryMigrations,
  queryPlanMix,
  queryServiceFrequency,
  queryTierMix,
} from '../preferences/queries.ts';
import { parseFormat, parsePart, parseReportFilterInput } from '../report-input.ts';
import { getServices } from '../services.ts';
import { sendCsv } from './csv-response.ts';
import { searchParams } from './search-params.ts';
import { sendJson } from './send.ts';

/**
 * The /api/v1/preferences routes. Every one takes from/to (YYYY-MM, default the twelve months up to
 * the latest month of data), segment, region and format=json|csv; month-end snapshots (combinations,
 * tiers) are at the end of `to`. Counts are decimal strings, shares fractions 0–1.
 * 400: BAD_MONTH, MONTH_RANGE_REVERSED, MONTH_RANGE_TOO_LONG, BAD_DIMENSION, BAD_FORMAT, BAD_PART.
 */

/** The request's filters with the warehouse's defaults; every parameter is checked before any query runs. */
async function preferenceFilters(search: URLSearchParams): Promise<ReportFilters> {
  const input = parseReportFilterInput(search);
  const { warehouse, config } = getServices();
  return resolvePreferenceFilters(warehouse, input, { now: new Date(), timezone: config.timezone });
}

/**
 * GET /api/v1/preferences/plan-mix — plans held at each month end with their share
 * (sql/queries/preferences_plan_mix.sql) and the tier mix per family at the end of `to`
 * (sql/queries/preferences_tier_mix.sql). JSON `{ filters, months, tiers }`; CSV needs part=plan-mix|tiers.
 */
export const getPreferencesPlanMix: RequestHandler = async (req, res) => {
  const search = searchParams(req.originalUrl);
  const format = parseFormat(search);
  const part = format === 'csv' ? parsePart(search, ['plan-mix', 'tiers'] as const) : null;
  const filters = await preferenceFilters(search);
  const { warehouse } = getServices();
  if (part) {
    if (part === 'tiers') return sendCsv(res, preferencesCsvFilename('tiers', filters), tiersCsv(filters, await queryTierMix(warehouse, filters)));
    return sendCsv(res, preferencesCsvFilename('plan-mix', filters), planMixCsv(filters, await queryPlanMix(warehouse, filters)));
  }
  sendJson(res, 200, { filters, months: await queryPlanMix(warehouse, filters), tiers: await queryTierMix(warehouse, filters) });
};

/**
 * GET /api/v1/preferences/migrations — subscriptions moving from plan to plan in the period, with
 * starts (fromPlanCode null) and ends (toPlanCode null) (sql/queries/preferences_migrations.sql).
 * JSON `{ filters, rows }`; CSV the rows.
 */
export const getPreferencesMigrations: RequestHandler = async (req, res) => {
  const search = searchParams(req.originalUrl);
  const format = parseFormat(search);
  const filters = await preferenceFilters(search);
  const rows = await queryMigrations(getServices().warehouse, filters);
  if (format === 'csv') return sendCsv(res, preferencesCsvFilename('migrations', filters), migrationsCsv(filters, rows));
  sendJson(res, 200, { filters, rows });
};

/**
 * GET /api/v1/preferences/adoption — add-on adoption by month, family combinations at the end of
 * `to`, and service usage frequency (active days per month). JSON `{ filters, monthly, combinations,
 * frequency }`; CSV needs part=monthly|combinations|frequency.
 */
export const getPreferencesAdoption: RequestHandler = async (req, res) => {
  const search = searchParams(req.originalUrl);
  const format = parseFormat(search);
  const part = format === 'csv' ? parsePart(search, ['monthly', 'combinations', 'frequency'] as const) : null;
  const filters = await preferenceFilters(search);
  const { warehouse } = getServices();
  if (part) {
    if (part === 'combinations') return sendCsv(res, preferencesCsvFilename('combinations', filters), combinationsCsv(filters, await queryCombinations(warehouse, filters)));
    if (part === 'frequency') return sendCsv(res, preferencesCsvFilename('frequency', filters), frequencyCsv(filters, await queryServiceFrequency(warehouse, filters)));
    return sendCsv(res, preferencesCsvFilename('adoption', filters), adoptionCsv(filters, await queryAddonAdoption(warehouse, filters)));
  }
  sendJson(res, 200, {
    filters,
    monthly: await queryAddonAdoption(warehouse, filters),
    combinations: await queryCombinations(warehouse, filters),
    frequency: await queryServiceFrequency(warehouse, filters),
  });
};
