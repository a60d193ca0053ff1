import { sql, type Kysely } from 'kysely';

/**
 * Dated exchange rates for the reporting currency (entered by an admin or loaded from CSV; the demo
 * ships a set). 1 unit of `currency` = `rate` units of `quote` on `rate_date`. numeric, never float.
 */
const UP = [
  `create table workbench.fx_rates (
    id           bigint generated always as identity primary key,
    rate_date    date not null,
    currency     text not null check (currency ~ '^[A-Z]{3}$'),
    quote        text not null check (quote ~ '^[A-Z]{3}$' and quote <> currency),
    rate         numeric(24, 12) not null check (rate > 0),
    source       text not null check (source <> ''),
    entered_by   text not null,
    entered_at   timestamptz not null default now(),
    unique (currency, quote, rate_date)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table workbench.fx_rates').execute(db);
}
