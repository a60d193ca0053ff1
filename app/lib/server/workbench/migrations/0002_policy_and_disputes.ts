import { sql, type Kysely } from 'kysely';

/**
 * The escalation policy as stored, versioned data; dated rate tables an admin can extend without a
 * deploy; invoice disputes. Policy versions and rate entries are append-only (a trigger refuses
 * UPDATE, DELETE and TRUNCATE): a late fee charged last month can always be explained by the
 * policy version and the rates in force then. Seed rows (defaultPolicy() as version 1, the built-in
 * key-rate table) are written at runtime by the policy store, not here, so this migration never
 * changes meaning when the code's defaults do.
 */
const UP = [
  `create function workbench.reject_append_only_change() returns trigger language plpgsql as $$
  begin
    raise exception '% on %.% is not allowed: the table is append-only (add a new row instead)', tg_op, tg_table_schema, tg_table_name
      using errcode = 'restrict_violation';
  end
  $$`,
  `create table workbench.escalation_policies (
    id          bigint generated always as identity primary key,
    version     integer not null unique check (version >= 1),
    policy      jsonb not null check (jsonb_typeof(policy) = 'object'),
    comment     text not null default '',
    created_by  text not null check (created_by <> ''),
    created_at  timestamptz not null default now()
  )`,
  `create trigger escalation_policies_append_only before update or delete on workbench.escalation_policies
    for each row execute function workbench.reject_append_only_change()`,
  `create trigger escalation_policies_no_truncate before truncate on workbench.escalation_policies
    for each statement execute function workbench.reject_append_only_change()`,
  `create table workbench.rate_tables (
    id           text primary key check (id ~ '^[a-z0-9][a-z0-9_-]*$'),
    name         text not null check (name <> ''),
    source       text not null default '',
    reviewed_on  date not null,
    created_at   timestamptz not null default now()
  )`,
  // A correction is a new row for the same date: the latest row (highest id) per date is in force.
  `create table workbench.rate_table_entries (
    id              bigint generated always as identity primary key,
    table_id        text not null references workbench.rate_tables (id),
    effective_from  date not null,
    rate            numeric(12, 8) not null check (rate >= 0 and rate < 10),
    note            text not null default '',
    created_by      text not null check (created_by <> ''),
    created_at      timestamptz not null default now()
  )`,
  `create index rate_table_entries_table on workbench.rate_table_entries (table_id, effective_from, id)`,
  `create trigger rate_table_entries_append_only before update or delete on workbench.rate_table_entries
    for each row execute function workbench.reject_append_only_change()`,
  `create trigger rate_table_entries_no_truncate before truncate on workbench.rate_table_entries
    for each statement execute function workbench.reject_append_only_change()`,
  `alter table workbench.collection_actions add column policy_version integer references workbench.escalation_policies (version)`,
  `create table workbench.invoice_disputes (
    id           bigint generated always as identity primary key,
    case_id      bigint not null references workbench.cases (id),
    invoice_id   text not null check (invoice_id <> ''),
    reason       text not null check (reason <> ''),
    opened_by    text not null,
    opened_at    timestamptz not null default now(),
    resolution   text,
    resolved_by  text,
    resolved_at  timestamptz,
    constraint invoice_disputes_resolved check (
      (resolved_at is null) = (resolved_by is null) and (resolved_at is null) = (resolution is null) and (resolution is null or resolution <> '')
    )
  )`,
  `create unique index invoice_disputes_one_open on workbench.invoice_disputes (invoice_id) where resolved_at is null`,
  `create index invoice_disputes_case on workbench.invoice_disputes (case_id, id)`,
];

const DOWN = [
  'drop table workbench.invoice_disputes',
  'alter table workbench.collection_actions drop column policy_version',
  'drop table workbench.rate_table_entries',
  'drop table workbench.rate_tables',
  'drop table workbench.escalation_policies',
  'drop function workbench.reject_append_only_change()',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
