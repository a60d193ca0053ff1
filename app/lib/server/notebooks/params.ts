import { m } from '$lib/paraglide/messages.js';
import { BIGINT, BOOLEAN, DATE, DuckDBDateValue, VARCHAR } from '@duckdb/node-api';
import type { BoundValue } from '../explore/read-only-query.ts';
import type { NotebookParamSpec, NotebookParamType, NotebookParamValue } from '../../notebooks/types.ts';

export const PARAM_TYPES: readonly NotebookParamType[] = ['month', 'date', 'string', 'choice', 'integer', 'boolean'];
const PARAM_NAME = /^[a-z][a-z0-9_]{0,39}$/;

/** A front-matter parameter declaration that does not read; `param` names it. */
export class NotebookParamError extends Error {
  readonly code = 'BAD_PARAM_DECLARATION';
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * One declaration of the front matter's `params:` map, checked. Accepted keys: type (required),
 * default, label, options (choice), optional (string, choice: empty means NULL), min and max (integer).
 */
export function parseParamSpec(name: string, raw: unknown): NotebookParamSpec {
  if (!PARAM_NAME.test(name)) throw new NotebookParamError(name, m.dt_nbp_bad_name({ name }));
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new NotebookParamError(name, m.dt_nbp_not_map({ name, example: `${name}: { type: month, default: current-1 }` }));
  }
  const r = raw as Record<string, unknown>;
  const type = r.type as NotebookParamType;
  if (!PARAM_TYPES.includes(type)) throw new NotebookParamError(name, m.dt_nbp_bad_type({ name, types: PARAM_TYPES.join(', ') }));
  const options = type === 'choice' ? r.options : undefined;
  if (type === 'choice' && (!Array.isArray(options) || options.length === 0 || !options.every((o) => typeof o === 'string' || typeof o === 'number'))) {
    throw new NotebookParamError(name, m.dt_nbp_no_options({ name }));
  }
  const num = (key: 'min' | 'max') => (r[key] === undefined ? null : Number(r[key]));
  const spec: NotebookParamSpec = {
    name,
    type,
    label: typeof r.label === 'string' ? r.label : name.replaceAll('_', ' '),
    default: r.default === undefined || r.default === null ? null : String(r.default),
    optional: r.optional === true || ((type === 'string' || type === 'choice') && (r.default === null || r.default === undefined) && r.optional !== false),
    options: options ? (options as (string | number)[]).map(String) : [],
    min: num('min'),
    max: num('max'),
  };
  if (spec.default !== null) {
    const checked = checkValue(spec, spec.default, '2000-01-01');
    if (checked.error) throw new NotebookParamError(name, m.dt_nbp_bad_default({ name, reason: checked.error }));
  }
  return spec;
}

/** Today in the business time zone, for relative defaults (`current-1`, `today-7`). */
export interface ParamContext {
  readonly today: string;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DAY = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function shiftMonth(today: string, delta: number): string {
  const [y, mo] = today.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, mo - 1 + delta, 1));
  return d.toISOString().slice(0, 7);
}

function shiftDay(today: string, delta: number): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) + delta * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A value as typed (URL or default) resolved and checked: relative months (`current`, `current-3`)
 * and days (`today`, `today-7`) become dates; `value` is the text the form shows.
 */
function checkValue(spec: NotebookParamSpec, text: string, today: string): { value: string | null; error?: string } {
  const t = text.trim();
  if (t === '') return spec.optional ? { value: null } : { value: null, error: m.dt_nbp_required() };
  switch (spec.type) {
    case 'month': {
      const rel = /^current(?:([+-])(\d{1,3}))?$/.exec(t);
      const value = rel ? shiftMonth(today, (rel[1] === '-' ? -1 : 1) * Number(rel[2] ?? 0)) : t;
      return MONTH.test(value) ? { value } : { value: null, error: m.dt_nbp_not_month({ value: t }) };
    }
    case 'date': {
      const rel = /^today(?:([+-])(\d{1,4}))?$/.exec(t);
      const value = rel ? shiftDay(today, (rel[1] === '-' ? -1 : 1) * Number(rel[2] ?? 0)) : t;
      const valid = DAY.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
      return valid ? { value } : { value: null, error: m.dt_nbp_not_date({ value: t }) };
    }
    case 'choice':
      return spec.options.includes(t) ? { value: t } : { value: null, error: m.dt_nbp_not_option({ value: t, options: spec.options.join(', ') }) };
    case 'integer': {
      if (!/^-?\d{1,15}$/.test(t)) return { value: null, error: m.dt_nbp_not_integer({ value: t }) };
      const n = Number(t);
      if (spec.min !== null && n < spec.min) return { value: null, error: m.dt_nbp_below_min({ value: t, min: String(spec.min) }) };
      if (spec.max !== null && n > spec.max) return { value: null, error: m.dt_nbp_above_max({ value: t, max: String(spec.max) }) };
      return { value: String(n) };
    }
    case 'boolean':
      return t === 'true' || t === 'false' ? { value: t } : { value: null, error: m.dt_nbp_not_boolean({ value: t }) };
    case 'string':
      return t.length <= 500 ? { value: t } : { value: null, error: m.dt_nbp_too_long() };
  }
}

/**
 * Each declared parameter's value for this request: from the URL when given and valid, else the
 * default (an invalid URL value is reported beside the field and the default is used).
 */
export function resolveParamValues(specs: readonly NotebookParamSpec[], search: URLSearchParams, context: ParamContext): NotebookParamValue[] {
  return specs.map((spec) => {
    const fallback = spec.default === null ? { value: null } : checkValue(spec, spec.default, context.today);
    const given = search.get(spec.name);
    if (given === null) return { name: spec.name, text: fallback.value ?? '', value: fallback.value, error: null };
    const checked = checkValue(spec, given, context.today);
    if (checked.error) {
      const problem = m.dt_nbp_labelled({ label: spec.label, reason: checked.error });
      return { name: spec.name, text: given, value: fallback.value, error: m.dt_nbp_default_used({ problem }), problem };
    }
    return { name: spec.name, text: given.trim(), value: checked.value, error: null };
  });
}

function dateValue(day: string): DuckDBDateValue {
  return new DuckDBDateValue(Math.round(Date.parse(`${day}T00:00:00Z`) / 86_400_000));
}

/**
 * The parameters as DuckDB values to bind by name: month → DATE (its first day), date → DATE,
 * integer → BIGINT, boolean → BOOLEAN, string and choice → VARCHAR; an empty optional value is NULL.
 * Values are bound, never written into the SQL text.
 */
export function boundParams(specs: readonly NotebookParamSpec[], values: readonly NotebookParamValue[]): Record<string, BoundValue> {
  const out: Record<string, BoundValue> = {};
  for (const spec of specs) {
    const v = values.find((x) => x.name === spec.name)?.value ?? null;
    switch (spec.type) {
      case 'month':
        out[spec.name] = { value: v === null ? null : dateValue(`${v}-01`), type: DATE };
        break;
      case 'date':
        out[spec.name] = { value: v === null ? null : dateValue(v), type: DATE };
        break;
      case 'integer':
        out[spec.name] = { value: v === null ? null : BigInt(v), type: BIGINT };
        break;
      case 'boolean':
        out[spec.name] = { value: v === null ? null : v === 'true', type: BOOLEAN };
        break;
      default:
        out[spec.name] = { value: v, type: VARCHAR };
    }
  }
  return out;
}
