import { sql, type Kysely } from 'kysely';

/**
 * Scheduled reports (issue 7).
 *  report_schedules   a notebook with its parameter values, when it runs (a cron expression or the
 *      first-working-day rule, in an IANA zone, skipping listed holidays), what is sent (PDF of the
 *      notebook, XLSX of chosen blocks' results) and where (e-mail recipients, a sub-folder of the
 *      reports folder). next_run_at is the instant the scheduler claims it next (null: disabled).
 *  report_deliveries  one row per attempt at one run (scheduled_for): its status, error and, while a
 *      retry is pending, retry_at. Unique (schedule, run, attempt): two schedulers racing on one
 *      database cannot both deliver the same attempt.
 */
const UP = [
  `create table workbench.report_schedules (
    id             bigint generated always as identity primary key,
    name           text not null check (name <> ''),
    notebook       text not null check (notebook ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
    params         jsonb not null default '{}' check (jsonb_typeof(params) = 'object'),
    rule_kind      text not null check (rule_kind in ('cron', 'first_working_day')),
    cron           text,
    run_time       text check (run_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
    timezone       text not null,
    holidays       jsonb not null default '[]' check (jsonb_typeof(holidays) = 'array'),
    formats        jsonb not null check (jsonb_typeof(formats) = 'array'),
    xlsx_blocks    jsonb not null default '[]' check (jsonb_typeof(xlsx_blocks) = 'array'),
    email_to       jsonb not null default '[]' check (jsonb_typeof(email_to) = 'array'),
    folder         text,
    enabled        boolean not null default true,
    next_run_at    timestamptz,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    check ((rule_kind = 'cron' and cron is not null) or (rule_kind = 'first_working_day' and run_time is not null))
  )`,
  `create index report_schedules_due on workbench.report_schedules (next_run_at) where enabled`,
  `create table workbench.report_deliveries (
    id             bigint generated always as identity primary key,
    schedule_id    bigint not null references workbench.report_schedules (id) on delete cascade,
    scheduled_for  timestamptz not null,
    attempt        integer not null check (attempt >= 1),
    attempted_at   timestamptz not null,
    status         text not null check (status in ('delivered', 'failed', 'gave_up')),
    error          text,
    retry_at       timestamptz,
    files          jsonb not null default '[]' check (jsonb_typeof(files) = 'array'),
    recipients     jsonb not null default '[]' check (jsonb_typeof(recipients) = 'array'),
    unique (schedule_id, scheduled_for, attempt)
  )`,
  `create index report_deliveries_retry on workbench.report_deliveries (retry_at) where retry_at is not null`,
  `create index report_deliveries_schedule on workbench.report_deliveries (schedule_id, attempted_at desc)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table workbench.report_deliveries').execute(db);
  await sql.raw('drop table workbench.report_schedules').execute(db);
}
