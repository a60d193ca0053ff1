import { sql, type Kysely } from 'kysely';

/**
 * Signed webhooks for new approved actions (issue 8).
 *  webhook_endpoints   where to POST, which events, the signing secret (kept in clear: HMAC needs
 *      it; shown to the admin once), active flag.
 *  webhook_deliveries  one row per endpoint × event (unique, so two processes enqueue it once):
 *      state, attempts, last response, next retry; a worker claims a row by moving claimed_until.
 */
const UP = [
  `create table workbench.webhook_endpoints (
    id           bigint generated always as identity primary key,
    url          text not null check (url ~ '^https?://'),
    description  text not null default '',
    events       jsonb not null check (jsonb_typeof(events) = 'array'),
    secret       text not null,
    active       boolean not null default true,
    created_by   text not null,
    created_at   timestamptz not null default now()
  )`,
  `create table workbench.webhook_deliveries (
    id               bigint generated always as identity primary key,
    endpoint_id      bigint not null references workbench.webhook_endpoints (id) on delete cascade,
    event_id         text not null,
    event_type       text not null,
    payload          jsonb not null check (jsonb_typeof(payload) = 'object'),
    status           text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
    attempts         integer not null default 0,
    next_attempt_at  timestamptz not null default now(),
    claimed_until    timestamptz,
    last_attempt_at  timestamptz,
    response_status  integer,
    last_error       text,
    delivered_at     timestamptz,
    created_at       timestamptz not null default now(),
    unique (endpoint_id, event_id)
  )`,
  `create index webhook_deliveries_due on workbench.webhook_deliveries (next_attempt_at) where status = 'pending'`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of ['drop table workbench.webhook_deliveries', 'drop table workbench.webhook_endpoints']) await sql.raw(statement).execute(db);
}
