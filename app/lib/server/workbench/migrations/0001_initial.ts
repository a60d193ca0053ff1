import { sql, type Kysely } from 'kysely';

/**
 * The collections workbench: staff, cases with their append-only audit trail, notes, contact log,
 * promises to pay, saved views, escalation actions and their outbox. Everything lives in schema
 * `workbench`; the schema itself stays on down() because kysely's migration table lives in it.
 */
const UP = [
  `create table workbench.staff (
    id          bigint generated always as identity primary key,
    name        text not null check (name <> ''),
    email       text not null unique check (email <> ''),
    role        text not null default 'collector' check (role in ('collector', 'supervisor', 'admin')),
    created_at  timestamptz not null default now()
  )`,
  `create table workbench.cases (
    id           bigint generated always as identity primary key,
    customer_id  text not null check (customer_id <> ''),
    status       text not null default 'open' check (status in ('open', 'resolved')),
    assigned_to  bigint references workbench.staff (id),
    opened_at    timestamptz not null default now(),
    resolved_at  timestamptz,
    version      integer not null default 1 check (version >= 1),
    updated_at   timestamptz not null default now(),
    updated_by   text not null,
    constraint cases_resolved_at check ((status = 'resolved') = (resolved_at is not null))
  )`,
  `create unique index cases_one_open_per_customer on workbench.cases (customer_id) where status = 'open'`,
  `create index cases_assigned_to on workbench.cases (assigned_to) where status = 'open'`,
  `create table workbench.case_events (
    id       bigint generated always as identity primary key,
    case_id  bigint not null references workbench.cases (id),
    actor    text not null,
    kind     text not null,
    payload  jsonb not null default '{}'::jsonb check (jsonb_typeof(payload) = 'object'),
    at       timestamptz not null default now()
  )`,
  `create index case_events_case on workbench.case_events (case_id, id)`,
  // Append-only, enforced in the database so no code path (or psql session) can rewrite history.
  `create function workbench.reject_history_change() returns trigger language plpgsql as $$
  begin
    raise exception '% on %.% is not allowed: the case history is append-only', tg_op, tg_table_schema, tg_table_name
      using errcode = 'restrict_violation';
  end
  $$`,
  `create trigger case_events_append_only before update or delete on workbench.case_events
    for each row execute function workbench.reject_history_change()`,
  `create trigger case_events_no_truncate before truncate on workbench.case_events
    for each statement execute function workbench.reject_history_change()`,
  `create table workbench.case_notes (
    id          bigint generated always as identity primary key,
    case_id     bigint not null references workbench.cases (id),
    author      text not null,
    body        text not null check (body <> ''),
    created_at  timestamptz not null default now()
  )`,
  `create index case_notes_case on workbench.case_notes (case_id, id)`,
  `create table workbench.contact_log (
    id            bigint generated always as identity primary key,
    case_id       bigint not null references workbench.cases (id),
    actor         text not null,
    channel       text not null check (channel in ('call', 'email', 'sms', 'letter', 'visit')),
    outcome       text not null constraint contact_log_outcome
                  check (outcome in ('reached', 'no_answer', 'left_message', 'wrong_contact', 'sent', 'bounced', 'refused', 'disputed')),
    text          text not null default '',
    contacted_at  timestamptz not null default now(),
    created_at    timestamptz not null default now()
  )`,
  `create index contact_log_case on workbench.contact_log (case_id, contacted_at)`,
  `create table workbench.promises_to_pay (
    id             bigint generated always as identity primary key,
    case_id        bigint not null references workbench.cases (id),
    amount_minor   bigint not null check (amount_minor > 0),
    currency       text not null check (currency ~ '^[A-Z]{3}$'),
    promised_date  date not null,
    promised_at    timestamptz not null default now(),
    status         text not null default 'open' check (status in ('open', 'kept', 'broken', 'cancelled')),
    created_by     text not null,
    created_at     timestamptz not null default now(),
    evaluated_at   timestamptz,
    constraint promises_evaluated_at check ((status = 'open') = (evaluated_at is null))
  )`,
  `create index promises_to_pay_case on workbench.promises_to_pay (case_id, promised_date)`,
  `create index promises_to_pay_open on workbench.promises_to_pay (promised_date) where status = 'open'`,
  `create table workbench.saved_views (
    id          bigint generated always as identity primary key,
    name        text not null check (name <> ''),
    owner       text not null,
    filters     jsonb not null default '{}'::jsonb,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    unique (owner, name)
  )`,
  `create table workbench.collection_actions (
    id               bigint generated always as identity primary key,
    case_id          bigint not null references workbench.cases (id),
    invoice_id       text,
    step             text not null,
    kind             text not null,
    amount_minor     bigint,
    currency         text check (currency ~ '^[A-Z]{3}$'),
    idempotency_key  text not null unique check (idempotency_key <> ''),
    details          jsonb not null default '{}'::jsonb check (jsonb_typeof(details) = 'object'),
    status           text not null default 'proposed' check (status in ('proposed', 'approved', 'skipped', 'published')),
    proposed_at      timestamptz not null default now(),
    decided_by       text,
    decided_at       timestamptz,
    constraint collection_actions_amount check ((amount_minor is null) = (currency is null)),
    constraint collection_actions_decided check ((status = 'proposed') = (decided_at is null) and (decided_at is null) = (decided_by is null))
  )`,
  `create index collection_actions_case on workbench.collection_actions (case_id, id)`,
  `create table workbench.outbox (
    id               bigint generated always as identity primary key,
    action_id        bigint not null unique references workbench.collection_actions (id),
    payload          jsonb not null,
    created_at       timestamptz not null default now(),
    published_at     timestamptz,
    acknowledged_at  timestamptz
  )`,
  `create index outbox_unpublished on workbench.outbox (id) where published_at is null`,
];

const DOWN = [
  'drop table workbench.outbox',
  'drop table workbench.collection_actions',
  'drop table workbench.saved_views',
  'drop table workbench.promises_to_pay',
  'drop table workbench.contact_log',
  'drop table workbench.case_notes',
  'drop table workbench.case_events',
  'drop function workbench.reject_history_change()',
  'drop table workbench.cases',
  'drop table workbench.staff',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
