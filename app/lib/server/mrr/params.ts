import { isMonthString, monthSpan, type MonthString } from '../../months.ts';
import { MrrInputError } from './errors.ts';
import { DEFAULT_SETTINGS } from '../../mrr/settings.ts';
import { MOVEMENT_KINDS, type MovementKind, type MrrFilters, type MrrGroupBy, type MrrInput, type MrrPeriod, type MrrSettings } from './types.ts';

/** Query parameters of /mrr, /retention and /api/v1/mrr/*, /api/v1/retention*. Empty values count as absent. */

const MAX_TEXT = 200;
/** Longest range one request covers: ten years of months. */
export const MAX_MONTHS = 120;
/** Largest past_due_churn_days accepted. */
export const MAX_PAST_DUE_DAYS = 3650;

const GROUP_BY: readonly MrrGroupBy[] = ['none', 'segment', 'region', 'plan'];
const PERIODS: readonly MrrPeriod[] = ['month', 'quarter', 'year'];

const value = (search: URLSearchParams, name: string) => {
  const v = search.get(name)?.trim();
  return v ? v : null;
};

function oneOf<T extends string>(search: URLSearchParams, name: string, allowed: readonly T[], fallback: T, code: MrrInputError['code']): T {
  const v = value(search, name) ?? fallback;
  if (!allowed.includes(v as T)) throw new MrrInputError(code, `${name} must be one of ${allowed.join(', ')}, not ${JSON.stringify(v)}`, name);
  return v as T;
}

/** past_due_churn_days (off or 1–3650), usage_in_mrr (off|on), trials (exclude|count), free_plans (exclude|count). */
export function parseSettings(search: URLSearchParams): MrrSettings {
  const days = value(search, 'past_due_churn_days');
  let pastDueChurnDays: number | null = DEFAULT_SETTINGS.pastDueChurnDays;
  if (days !== null && days !== 'off') {
    if (!/^\d{1,4}$/.test(days) || Number(days) < 1 || Number(days) > MAX_PAST_DUE_DAYS) {
      throw new MrrInputError('BAD_SETTING', `past_due_churn_days must be off or a whole number of days from 1 to ${MAX_PAST_DUE_DAYS}, not ${JSON.stringify(days)}`, 'past_due_churn_days');
    }
    pastDueChurnDays = Number(days);
  }
  return {
    pastDueChurnDays,
    usageInMrr: oneOf(search, 'usage_in_mrr', ['off', 'on'], DEFAULT_SETTINGS.usageInMrr ? 'on' : 'off', 'BAD_SETTING') === 'on',
    trials: oneOf(search, 'trials', ['exclude', 'count'], DEFAULT_SETTINGS.trials, 'BAD_SETTING'),
    freePlans: oneOf(search, 'free_plans', ['exclude', 'count'], DEFAULT_SETTINGS.freePlans, 'BAD_SETTING'),
  };
}

export function parseCurrency(search: URLSearchParams): string | null {
  const v = value(search, 'currency');
  if (v !== null && !/^[A-Z]{3}$/.test(v)) throw new MrrInputError('BAD_CURRENCY', `currency ${JSON.stringify(v)} is not an ISO 4217 code like RUB`, 'currency');
  return v;
}

function parseText(search: URLSearchParams, name: 'segment' | 'region' | 'plan'): string | null {
  const v = value(search, name);
  if (v !== null && v.length > MAX_TEXT) throw new MrrInputError('BAD_DIMENSION', `${name} is longer than ${MAX_TEXT} characters`, name);
  return v;
}

export function parseFilters(search: URLSearchParams): MrrFilters {
  return { currency: parseCurrency(search), segment: parseText(search, 'segment'), region: parseText(search, 'region'), plan: parseText(search, 'plan') };
}

export function parseMonth(search: URLSearchParams, name: string): MonthString | null {
  const v = value(search, name);
  if (v === null) return null;
  if (!isMonthString(v)) throw new MrrInputError('BAD_MONTH', `${name}=${JSON.stringify(v)} is not a month like 2026-03`, name);
  return v;
}

/** from/to months (each optional), in order and at most MAX_MONTHS apart. */
export function parseRange(search: URLSearchParams): { from: MonthString | null; to: MonthString | null } {
  const from = parseMonth(search, 'from');
  const to = parseMonth(search, 'to');
  if (from && to) {
    if (monthSpan(from, to) < 1) throw new MrrInputError('MONTH_RANGE_REVERSED', `from (${from}) is after to (${to})`, 'from');
    if (monthSpan(from, to) > MAX_MONTHS) throw new MrrInputError('MONTH_RANGE_TOO_LONG', `from–to spans more than ${MAX_MONTHS} months`, 'to');
  }
  return { from, to };
}

export function parseMrrInput(search: URLSearchParams): MrrInput {
  return {
    settings: parseSettings(search),
    filters: parseFilters(search),
    groupBy: oneOf(search, 'groupBy', GROUP_BY, 'none', 'BAD_GROUP_BY'),
    period: oneOf(search, 'period', PERIODS, 'month', 'BAD_PERIOD'),
    ...parseRange(search),
  };
}

/** A movement kind of the drill-down, or null for every kind. */
export function parseKind(search: URLSearchParams): MovementKind | null {
  const v = value(search, 'kind');
  if (v === null || v === 'all') return null;
  if (!MOVEMENT_KINDS.includes(v as MovementKind)) throw new MrrInputError('BAD_KIND', `kind must be all or one of ${MOVEMENT_KINDS.join(', ')}, not ${JSON.stringify(v)}`, 'kind');
  return v as MovementKind;
}

export type ResponseFormat = 'json' | 'csv';

export function parseFormat(search: URLSearchParams): ResponseFormat {
  return oneOf(search, 'format', ['json', 'csv'], 'json', 'BAD_FORMAT');
}

export function parsePaging(search: URLSearchParams, defaults: { defaultLimit: number; maxLimit: number }): { limit: number; offset: number } {
  const int = (param: 'limit' | 'offset', fallback: number, min: number, max: number) => {
    const raw = value(search, param);
    if (raw === null) return fallback;
    if (!/^\d{1,9}$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      throw new MrrInputError(param === 'limit' ? 'BAD_LIMIT' : 'BAD_OFFSET', `${param} must be a whole number from ${min} to ${max}`, param);
    }
    return Number(raw);
  };
  return { limit: int('limit', defaults.defaultLimit, 1, defaults.maxLimit), offset: int('offset', 0, 0, 1_000_000_000) };
}
