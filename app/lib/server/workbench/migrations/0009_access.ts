import { sql, type Kysely } from 'kysely';

/**
 * Sign-in, roles, API tokens and the audit log (issue 8).
 *  staff        becomes the user list: an access role, an argon2id password hash (null until the
 *      user accepts an invite; demo users never get one), active flag, the collector's "own cases
 *      only" limit, a preferred language, and the lock-out counters.
 *  sessions     server-side sessions; only the SHA-256 of the cookie's token is stored.
 *  invites      one-time links an admin hands to a new user (hash stored, expires).
 *  api_tokens   integration tokens with scopes (permission names); hash stored, shown once.
 *  audit_log    append-only: a trigger refuses UPDATE and DELETE.
 */
const UP = [
  `alter table workbench.staff
     add column access_role text not null default 'collections' check (access_role in ('finance', 'collections', 'analyst', 'admin')),
     add column password_hash text,
     add column active boolean not null default true,
     add column own_cases_only boolean not null default false,
     add column locale text check (locale in ('en', 'ru')),
     add column demo boolean not null default false,
     add column must_change_password boolean not null default false,
     add column failed_sign_ins integer not null default 0,
     add column locked_until timestamptz,
     add column last_sign_in_at timestamptz`,
  `update workbench.staff set access_role = 'admin' where role = 'admin'`,
  `create table workbench.sessions (
    id            text primary key,
    staff_id      bigint not null references workbench.staff (id) on delete cascade,
    created_at    timestamptz not null default now(),
    last_seen_at  timestamptz not null default now(),
    expires_at    timestamptz not null,
    ip            text,
    user_agent    text
  )`,
  `create index sessions_staff on workbench.sessions (staff_id)`,
  `create table workbench.invites (
    token_hash    text primary key,
    staff_id      bigint not null references workbench.staff (id) on delete cascade,
    created_by    text not null,
    created_at    timestamptz not null default now(),
    expires_at    timestamptz not null,
    used_at       timestamptz
  )`,
  `create table workbench.api_tokens (
    id            bigint generated always as identity primary key,
    name          text not null check (name <> ''),
    token_hash    text not null unique,
    prefix        text not null,
    scopes        jsonb not null check (jsonb_typeof(scopes) = 'array'),
    created_by    text not null,
    created_at    timestamptz not null default now(),
    last_used_at  timestamptz,
    revoked_at    timestamptz
  )`,
  `create table workbench.audit_log (
    id            bigint generated always as identity primary key,
    at            timestamptz not null default now(),
    actor         text not null,
    actor_role    text,
    kind          text not null,
    outcome       text not null check (outcome in ('ok', 'denied', 'failed')),
    target        text,
    ip            text,
    details       jsonb not null default '{}' check (jsonb_typeof(details) = 'object')
  )`,
  `create index audit_log_at on workbench.audit_log (at desc)`,
  `create index audit_log_kind on workbench.audit_log (kind, at desc)`,
  `create function workbench.audit_log_append_only() returns trigger language plpgsql as $$
   begin
     raise exception 'the audit log is append-only (% refused)', tg_op;
   end $$`,
  `create trigger audit_log_append_only before update or delete on workbench.audit_log
     for each row execute function workbench.audit_log_append_only()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    'drop table workbench.audit_log',
    'drop function workbench.audit_log_append_only',
    'drop table workbench.api_tokens',
    'drop table workbench.invites',
    'drop table workbench.sessions',
    `alter table workbench.staff drop column access_role, drop column password_hash, drop column active, drop column own_cases_only,
       drop column locale, drop column demo, drop column must_change_password, drop column failed_sign_ins, drop column locked_until, drop column last_sign_in_at`,
  ]) await sql.raw(statement).execute(db);
}
