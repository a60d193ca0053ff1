-- Bookkeeping tables of the warehouse itself (not models): sync history, reconciliation, settings.
create schema if not exists meta;

create table if not exists meta.sync_runs (
  run_id            bigint primary key,
  mode              varchar not null,   -- full | incremental
  status            varchar not null,   -- running | succeeded | failed | abandoned
  started_at        timestamptz not null,
  finished_at       timestamptz,
  rows_extracted    bigint,
  rows_deleted      bigint,
  rows_quarantined  bigint,
  reconciliation_ok boolean,
  error             varchar
);

-- Per run and table: what was read and how long it took. Written in the same transaction as the data.
create table if not exists meta.sync_table_stats (
  run_id            bigint not null,
  table_name        varchar not null,
  rows_extracted    bigint not null,
  rows_deleted      bigint not null,
  rows_in_warehouse bigint not null,
  rows_quarantined  bigint not null,
  extract_ms        bigint not null
);

-- Source vs warehouse, per table, currency and measure ('rows' or a money column), per run.
create table if not exists meta.reconciliation (
  run_id           bigint not null,
  table_name       varchar not null,
  currency         varchar,          -- null for row counts and tables without a currency
  measure          varchar not null,
  source_value     hugeint not null,
  warehouse_value  hugeint not null,
  ok               boolean not null
);

create table if not exists meta.watermarks (
  table_name  varchar primary key,
  watermark   timestamptz not null
);

-- One row: settings the SQL models read (the business time zone for bucketing).
create table if not exists meta.settings (
  business_timezone varchar not null
);
