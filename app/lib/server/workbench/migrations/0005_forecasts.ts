import { sql, type Kysely } from 'kysely';

/**
 * Forecasts computed after each sync, kept per run date so a past forecast can be compared with what
 * happened. Values are estimates in minor units of `currency` (JSON numbers, rounded): never booked
 * amounts, never summed across currencies.
 */
const UP = [
  `create table workbench.forecasts (
    id            bigint generated always as identity primary key,
    run_date      date not null,
    series_key    text not null check (series_key <> ''),
    measure       text not null check (measure in ('invoiced', 'mrr', 'cash_collection')),
    currency      text not null check (currency ~ '^[A-Z]{3}$'),
    segment       text,
    frequency     text not null check (frequency in ('month', 'week')),
    model         text not null,
    params        jsonb not null check (jsonb_typeof(params) = 'object'),
    history       jsonb not null check (jsonb_typeof(history) = 'array'),
    points        jsonb not null check (jsonb_typeof(points) = 'array'),
    backtest      jsonb not null check (jsonb_typeof(backtest) = 'object'),
    warnings      jsonb not null check (jsonb_typeof(warnings) = 'array'),
    created_at    timestamptz not null default now(),
    unique (run_date, series_key)
  )`,
  `create index forecasts_series on workbench.forecasts (series_key, run_date desc)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table workbench.forecasts').execute(db);
}
