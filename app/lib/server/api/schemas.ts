import { z } from 'zod';
import { EXPORT_DATASETS } from '../exports/datasets.ts';

/**
 * The request schema of every /api/v1 route, keyed like HANDLERS and API_RULES. The router
 * validates each request against its route's schema before the handler runs (validate.ts), and
 * the OpenAPI document (openapi.ts) is generated from the same objects, so the two cannot drift.
 *
 * The query schemas name every parameter a route reads and reject the rest (UNKNOWN_PARAMETER).
 * They check what is simple to state (fixed choices, length); the handlers keep their own detailed
 * checks (months, currencies, ranges) and error codes. A field's `x-error-code` is the code a
 * failed check answers with, the same one the handler would use.
 */

/** Longer values are refused before any handler sees them (handlers allow at most 200 characters). */
export const MAX_PARAMETER_LENGTH = 2000;
/** The most a JSON request body may hold. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface ApiResponseSpec {
  readonly description: string;
  /** Media types answered with this status; JSON when absent. */
  readonly content?: readonly ('application/json' | 'text/csv' | 'text/plain' | 'application/octet-stream')[];
}

export interface RouteSchema {
  readonly summary: string;
  readonly description?: string;
  readonly tag: string;
  readonly query?: z.ZodObject;
  readonly path?: z.ZodObject;
  /** A JSON body; absent means the route takes none (a body sent anyway is refused). */
  readonly body?: z.ZodObject;
  /** Whether `body` may be left out entirely. */
  readonly bodyOptional?: boolean;
  readonly responses: Readonly<Record<number, ApiResponseSpec>>;
}

type Meta = { description: string; examples?: string[]; 'x-error-code'?: string };

function text(description: string, example?: string, code?: string) {
  const meta: Meta = { description, ...(example ? { examples: [example] } : {}), ...(code ? { 'x-error-code': code } : {}) };
  return z.string().max(MAX_PARAMETER_LENGTH).meta(meta).optional();
}

function choice<const T extends readonly [string, ...string[]]>(values: T, description: string, code: string) {
  return z.enum(values).meta({ description, 'x-error-code': code }).optional();
}

const month = (what: string) => text(`${what} month, YYYY-MM`, '2026-01', 'BAD_MONTH');
const format = choice(['json', 'csv'], 'Response format (default json)', 'BAD_FORMAT');
const currency = text('ISO 4217 currency code, upper case', 'RUB', 'BAD_CURRENCY');
const segment = text('Customer segment (at most 200 characters)', 'smb', 'BAD_DIMENSION');
const region = text('Customer region (at most 200 characters)', 'eu', 'BAD_DIMENSION');
const asOf = text('As-of date, YYYY-MM-DD (default today in the business time zone)', '2026-03-31', 'BAD_AS_OF');
const limit = (max: number, fallback: number) => text(`Page size, 1–${max} (default ${fallback})`, String(fallback), 'BAD_LIMIT');
const offset = text('Rows to skip (default 0)', '0', 'BAD_OFFSET');

const reportFilters = {
  from: month('First'),
  to: month('Last'),
  segment,
  region,
  format,
};

const revenueQuery = z.strictObject({ from: month('First'), to: month('Last'), segment, region, currency, format });

const usageQuery = (extra: z.ZodRawShape = {}) =>
  z.strictObject({
    ...reportFilters,
    service: text('Usage service (default: the one with most records)', 'voice', 'BAD_SERVICE'),
    unit: text("Unit of the service (default: the service's most used unit)", 'min', 'BAD_SERVICE'),
    ...extra,
  });

const agingShape = {
  asOf,
  basis: choice(['due_date', 'invoice_date'], 'Age by due date (default) or invoice date', 'BAD_BASIS'),
  buckets: text('Bucket lower bounds in days, comma separated, increasing', '0,30,60,90,120', 'BAD_BUCKETS'),
  groupBy: choice(['customer', 'segment', 'region', 'currency'], 'Row grouping', 'BAD_GROUP_BY'),
  format,
};

const mrrShape = {
  from: month('First'),
  to: month('Last'),
  period: choice(['month', 'quarter', 'year'], 'Period length (default month)', 'BAD_PERIOD'),
  groupBy: choice(['none', 'segment', 'region', 'plan'], 'Grouping (default none)', 'BAD_GROUP_BY'),
  currency,
  segment,
  region,
  plan: text('Plan code', 'pro', 'BAD_DIMENSION'),
  past_due_churn_days: text('off, or days past due after which a subscription counts as churned (1–3650)', 'off', 'BAD_SETTING'),
  usage_in_mrr: choice(['off', 'on'], 'Count usage charges in MRR (default off)', 'BAD_SETTING'),
  trials: choice(['exclude', 'count'], 'Trials (default exclude)', 'BAD_SETTING'),
  free_plans: choice(['exclude', 'count'], 'Free plans (default exclude)', 'BAD_SETTING'),
  format,
};

const json = (description: string): ApiResponseSpec => ({ description });
const jsonOrCsv = (description: string): ApiResponseSpec => ({ description, content: ['application/json', 'text/csv'] });

const BAD_INPUT: ApiResponseSpec = { description: 'Bad input: `{ error: { code, message, param } }`' };
const id = (description: string, code: string) => z.string().regex(/^\d{1,18}$/).meta({ description, examples: ['1'], 'x-error-code': code });

export const ROUTE_SCHEMAS: Readonly<Record<string, RouteSchema>> = {
  'GET /health': { tag: 'Operations', summary: 'Liveness', description: '503 `{status:"starting"}` until the services are up.', query: z.strictObject({}), responses: { 200: json('`{ status: "ok", lastSync }`'), 503: json('Starting') } },
  'GET /ready': { tag: 'Operations', summary: 'Readiness: warehouse and workbench database answer', query: z.strictObject({}), responses: { 200: json('`{ status: "ready", checks }`'), 503: json('Not ready, with the failed check') } },
  'GET /openapi.json': { tag: 'Operations', summary: 'This OpenAPI 3.1 document', query: z.strictObject({}), responses: { 200: json('The document') } },
  'GET /metrics': {
    tag: 'Operations', summary: 'Prometheus metrics', description: 'Text exposition format: request latency by route, sync duration and rows, queue sizes.',
    query: z.strictObject({}), responses: { 200: { description: 'Prometheus text format', content: ['text/plain'] } },
  },
  'GET /revenue/monthly': { tag: 'Revenue', summary: 'Invoiced and collected by month', description: 'Amounts as decimal strings of minor units.', query: revenueQuery, responses: { 200: jsonOrCsv('`{ filters, currency, rows }`'), 400: BAD_INPUT } },
  'GET /overview': { tag: 'Revenue', summary: "The leadership overview's KPIs", query: z.strictObject({ currency }), responses: { 200: json('`{ overview }`') } },
  'GET /income/statement': {
    tag: 'Revenue',
    summary: 'Income statement',
    description: 'With `reporting`, every currency is converted at month-end rates.',
    query: revenueQuery.extend({
      reporting: text('Reporting currency to convert into', 'RUB', 'BAD_CURRENCY'),
      granularity: choice(['month', 'quarter', 'year'], 'Period length (default month)', 'BAD_FORMAT'),
      compare: choice(['previous', 'year'], 'Compare with the previous period or a year earlier', 'BAD_FORMAT'),
    }),
    responses: { 200: jsonOrCsv('`{ statement }`'), 400: BAD_INPUT },
  },
  'GET /fx/rates': { tag: 'Revenue', summary: 'Every dated exchange rate, oldest first', query: z.strictObject({}), responses: { 200: json('`{ rates }`') } },
  'GET /receivables/aging': { tag: 'Receivables', summary: 'Aging report', query: z.strictObject(agingShape), responses: { 200: jsonOrCsv('`{ params, buckets, rows, totals }`'), 400: BAD_INPUT } },
  'GET /receivables/aging/invoices': {
    tag: 'Receivables',
    summary: 'The invoices behind one cell of the aging report',
    query: z.strictObject({
      ...agingShape,
      currency: text('ISO 4217 currency code (required)', 'RUB', 'BAD_CURRENCY'),
      bucket: text('Bucket index (absent: all buckets)', '2', 'BAD_BUCKET'),
      key: text('A group under groupBy (absent: all groups)', 'smb', 'BAD_KEY'),
      limit: limit(1000, 100),
      offset,
    }),
    responses: { 200: jsonOrCsv('`{ params, drill, bucketLabel, total, openMinor, limit, offset, rows }`'), 400: BAD_INPUT },
  },
  'GET /receivables/aging/trend': {
    tag: 'Receivables',
    summary: 'Bucket totals at the last 12 month ends',
    query: z.strictObject({ currency, basis: agingShape.basis, buckets: agingShape.buckets, asOf, format }),
    responses: { 200: jsonOrCsv('`{ currency, basis, bounds, buckets, points }`'), 400: BAD_INPUT },
  },
  'GET /receivables/metrics': {
    tag: 'Receivables',
    summary: 'DSO, ADD, % current and CEI by month',
    query: z.strictObject({ currency, segment, region, cei: choice(['period_sales', 'average_monthly_sales'], 'CEI variant', 'BAD_CEI_VARIANT'), format }),
    responses: { 200: jsonOrCsv('`{ currency, segment, region, ceiVariant, months }`'), 400: BAD_INPUT },
  },
  'GET /usage/heatmap': { tag: 'Usage', summary: 'Usage by weekday × hour', query: usageQuery(), responses: { 200: jsonOrCsv('`{ filters, cells, totals }`'), 400: BAD_INPUT } },
  'GET /usage/peaks': {
    tag: 'Usage',
    summary: 'Busiest weekday × hour slots and single hours',
    query: usageQuery({ top: text('How many (1–100, default 10)', '10', 'BAD_TOP'), part: choice(['slots', 'hours'], 'CSV only: which table', 'BAD_PART') }),
    responses: { 200: jsonOrCsv('`{ filters, slots, hours }`'), 400: BAD_INPUT },
  },
  'GET /usage/patterns': {
    tag: 'Usage',
    summary: 'Day-of-month, monthly and per-customer usage',
    query: usageQuery({ part: choice(['day-of-month', 'monthly', 'per-customer'], 'CSV only: which table', 'BAD_PART') }),
    responses: { 200: jsonOrCsv('`{ filters, dayOfMonth, monthly, previousYear, perCustomer }`'), 400: BAD_INPUT },
  },
  'GET /usage/top-consumers': { tag: 'Usage', summary: 'Largest users of a service', query: usageQuery({ top: text('How many (1–1000, default 20)', '20', 'BAD_TOP') }), responses: { 200: jsonOrCsv('`{ filters, rows }`'), 400: BAD_INPUT } },
  'GET /preferences/plan-mix': {
    tag: 'Preferences',
    summary: 'Plans held at each month end and the tier mix',
    query: z.strictObject({ ...reportFilters, part: choice(['plan-mix', 'tiers'], 'CSV only: which table', 'BAD_PART') }),
    responses: { 200: jsonOrCsv('`{ filters, months, tiers }`'), 400: BAD_INPUT },
  },
  'GET /preferences/migrations': { tag: 'Preferences', summary: 'Plan-to-plan moves', query: z.strictObject(reportFilters), responses: { 200: jsonOrCsv('`{ filters, rows }`'), 400: BAD_INPUT } },
  'GET /preferences/adoption': {
    tag: 'Preferences',
    summary: 'Add-on adoption, combinations and usage frequency',
    query: z.strictObject({ ...reportFilters, part: choice(['monthly', 'combinations', 'frequency'], 'CSV only: which table', 'BAD_PART') }),
    responses: { 200: jsonOrCsv('`{ filters, monthly, combinations, frequency }`'), 400: BAD_INPUT },
  },
  'GET /mrr/monthly': { tag: 'MRR', summary: 'MRR, ARR and the movement bridge by period', query: z.strictObject(mrrShape), responses: { 200: jsonOrCsv('`{ input, range, rows }`'), 400: BAD_INPUT } },
  'GET /mrr/movements': {
    tag: 'MRR',
    summary: 'The customers behind a bridge figure',
    query: z.strictObject({
      ...mrrShape,
      month: month('The'),
      kind: choice(['all', 'new', 'reactivation', 'expansion', 'contraction', 'churn'], 'Movement kind', 'BAD_KIND'),
      limit: limit(1000, 100),
      offset,
    }),
    responses: { 200: jsonOrCsv('`{ input, total, deltaMinor, rows }`'), 400: BAD_INPUT },
  },
  'GET /retention': { tag: 'MRR', summary: 'Logo and revenue churn, GRR, NRR, ARPU, LTV by period', query: z.strictObject(mrrShape), responses: { 200: jsonOrCsv('`{ input, range, rows }`'), 400: BAD_INPUT } },
  'GET /retention/cohorts': { tag: 'MRR', summary: 'Cohorts by first MRR month', query: z.strictObject(mrrShape), responses: { 200: jsonOrCsv('`{ input, range, cells }`'), 400: BAD_INPUT } },
  'GET /sync/runs': { tag: 'Data quality', summary: 'The latest 50 sync runs', query: z.strictObject({}), responses: { 200: json('`{ runs }`') } },
  'GET /sync/runs/:runId': {
    tag: 'Data quality',
    summary: 'One sync run with its tables and reconciliation',
    query: z.strictObject({}),
    path: z.strictObject({ runId: z.string().meta({ description: 'Sync run id', examples: ['3'], 'x-error-code': 'BAD_RUN_ID' }) }),
    responses: { 200: json('`{ run, tables, reconciliation }`'), 400: BAD_INPUT, 404: json('RUN_NOT_FOUND') },
  },
  'POST /sync': {
    tag: 'Data quality',
    summary: 'Run a sync and wait for it',
    description: 'A sync already in flight is joined. A failed sync answers 409 SYNC_FAILED and the previous snapshot stays.',
    query: z.strictObject({ mode: choice(['full', 'incremental'], 'Sync mode (absent: auto)', 'BAD_MODE') }),
    responses: { 200: json('`{ summary, run }`'), 400: BAD_INPUT, 409: json('SYNC_FAILED') },
  },
  'GET /quarantine': { tag: 'Data quality', summary: 'Quarantined rows by table and rule', query: z.strictObject({}), responses: { 200: json('`{ totalRows, rules }`') } },
  'GET /quarantine/rows': {
    tag: 'Data quality',
    summary: 'Quarantined rows, one page (CSV: all)',
    query: z.strictObject({
      table: text('Contract table name', 'invoices', 'BAD_TABLE'),
      rule: text('Rule name (lower-case letters and underscores)', 'negative_total', 'BAD_RULE'),
      limit: limit(500, 50),
      offset,
      format,
    }),
    responses: { 200: jsonOrCsv('`{ tableName, rule, total, limit, offset, rows }`'), 400: BAD_INPUT },
  },
  'GET /collections/outbox': {
    tag: 'Outbox',
    summary: 'Approved collection actions not yet acknowledged, oldest first',
    description: 'At-least-once: an entry stays until acknowledged; deduplicate on payload.idempotencyKey.',
    query: z.strictObject({ limit: text('1–500 (default 100)', '100', 'WORKBENCH_INPUT_INVALID') }),
    responses: { 200: json('`{ entries: [{ id, actionId, payload, createdAt }] }`'), 400: BAD_INPUT },
  },
  'GET /collections/agency-handoffs.csv': { tag: 'Outbox', summary: 'Approved agency hand-offs as CSV', query: z.strictObject({ asOf }), responses: { 200: { description: 'CSV', content: ['text/csv'] }, 400: BAD_INPUT } },
  'POST /collections/outbox/:id/ack': {
    tag: 'Outbox',
    summary: 'Acknowledge an approved collection action as carried out',
    description: 'Idempotent: repeating it changes nothing and answers the same entry with `repeated: true`.',
    query: z.strictObject({}),
    path: z.strictObject({ id: id('Outbox entry id', 'WORKBENCH_INPUT_INVALID') }),
    body: z.strictObject({ reference: z.string().max(200).meta({ description: "The billing system's own reference for what it did (kept in the audit log)" }).optional() }),
    bodyOptional: true,
    responses: { 200: json('`{ entry: { id, actionId, publishedAt, acknowledgedAt }, repeated }`'), 400: BAD_INPUT, 404: json('OUTBOX_ENTRY_NOT_FOUND'), 413: json('BODY_TOO_LARGE') },
  },
  'GET /retention/bonuses/outbox': {
    tag: 'Outbox',
    summary: 'Approved retention bonuses not yet acknowledged, oldest first',
    query: z.strictObject({ limit: text('1–500 (default 100)', '100', 'WORKBENCH_INPUT_INVALID') }),
    responses: { 200: json('`{ entries: [{ id, bonusId, payload, createdAt }] }`'), 400: BAD_INPUT },
  },
  'POST /retention/bonuses/outbox/:id/ack': {
    tag: 'Outbox',
    summary: 'Acknowledge an approved retention bonus as credited',
    description: 'Idempotent, like the collections outbox.',
    query: z.strictObject({}),
    path: z.strictObject({ id: id('Bonus outbox entry id', 'WORKBENCH_INPUT_INVALID') }),
    body: z.strictObject({ reference: z.string().max(200).meta({ description: "The billing system's own reference (kept in the audit log)" }).optional() }),
    bodyOptional: true,
    responses: { 200: json('`{ entry: { id, bonusId, publishedAt, acknowledgedAt }, repeated }`'), 400: BAD_INPUT, 404: json('OUTBOX_ENTRY_NOT_FOUND'), 413: json('BODY_TOO_LARGE') },
  },
  'GET /collections/ladder': {
    tag: 'Collections',
    summary: 'Ladder analytics over recorded actions or a policy replay',
    query: z.strictObject({
      source: choice(['recorded', 'replay'], 'Recorded actions (default) or a replay', 'BAD_SOURCE'),
      run: text('Replay run id', '1', 'BAD_RUN'),
      from: text('First day, YYYY-MM-DD', '2025-04-01', 'BAD_FROM'),
      to: text('Last day, YYYY-MM-DD', '2026-03-31', 'BAD_TO'),
      format,
      table: choice(['funnel', 'steps'], 'CSV: the funnel (default) or every step', 'BAD_FORMAT'),
    }),
    responses: { 200: jsonOrCsv('`{ report, run, runs, running, definitions, sources }`'), 400: BAD_INPUT, 404: json('REPLAY_RUN_NOT_FOUND') },
  },
  'GET /forecasts': { tag: 'Forecasts', summary: 'Stored forecasts of one run date (latest by default)', query: z.strictObject({ run_date: text('Run date, YYYY-MM-DD', '2026-03-31', 'BAD_RUN_DATE') }), responses: { 200: json('`{ runDate, runDates, forecasts }`'), 400: BAD_INPUT } },
  'GET /exports/:dataset': {
    tag: 'Exports',
    summary: 'Download a dataset',
    description: 'revenue_monthly takes from, to, segment, region, currency; aging_invoices takes asOf, basis, buckets, currency, bucket. Personal data is masked for callers without personal-data:read.',
    query: z.strictObject({
      format: z.enum(['csv', 'xlsx', 'parquet', 'arrow']).meta({ description: 'File format (required)', 'x-error-code': 'BAD_FORMAT' }).optional(),
      from: month('First'),
      to: month('Last'),
      segment,
      region,
      currency,
      asOf,
      basis: agingShape.basis,
      buckets: agingShape.buckets,
      bucket: text('Bucket index', '2', 'BAD_BUCKET'),
    }),
    path: z.strictObject({ dataset: z.string().meta({ description: 'Dataset name', enum: Object.keys(EXPORT_DATASETS), 'x-error-code': 'UNKNOWN_DATASET' }) }),
    responses: { 200: { description: 'The file, streamed', content: ['application/octet-stream'] }, 400: BAD_INPUT },
  },
};
