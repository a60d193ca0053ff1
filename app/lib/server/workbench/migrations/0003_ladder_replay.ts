import { sql, type Kysely } from 'kysely';

/**
 * Policy replays (back-tests of the escalation ladder over the warehouse's past) and the steps they
 * simulate. Kept apart from collection_actions and the outbox on purpose: a simulated step must
 * never be proposed, approved or published to the billing system.
 */
const UP = [
  `create table workbench.ladder_replay_runs (
    id              bigint generated always as identity primary key,
    policy_id       text not null,
    policy          jsonb not null check (jsonb_typeof(policy) = 'object'),
    from_date       date not null,
    to_date         date not null,
    warm_up_from    date not null,
    status          text not null default 'running' check (status in ('running', 'succeeded', 'failed')),
    customers_total integer not null default 0 check (customers_total >= 0),
    customers_done  integer not null default 0 check (customers_done >= 0),
    steps           integer not null default 0 check (steps >= 0),
    error           text,
    requested_by    text not null check (requested_by <> ''),
    started_at      timestamptz not null default now(),
    heartbeat_at    timestamptz not null default now(),
    finished_at     timestamptz,
    constraint ladder_replay_runs_window check (warm_up_from <= from_date and from_date <= to_date),
    constraint ladder_replay_runs_finished check ((status = 'running') = (finished_at is null))
  )`,
  `create table workbench.ladder_replay_steps (
    run_id           bigint not null references workbench.ladder_replay_runs (id) on delete cascade,
    idempotency_key  text not null check (idempotency_key <> ''),
    customer_id      text not null,
    step_id          text not null,
    step_kind        text not null,
    kind             text not null,
    cycle            integer not null check (cycle >= 1),
    invoice_ids      jsonb not null check (jsonb_typeof(invoice_ids) = 'array'),
    taken_on         date not null,
    amount_minor     bigint,
    currency         text check (currency ~ '^[A-Z]{3}$'),
    primary key (run_id, idempotency_key),
    constraint ladder_replay_steps_amount check ((amount_minor is null) = (currency is null))
  )`,
  `create index ladder_replay_steps_taken on workbench.ladder_replay_steps (run_id, taken_on)`,
];

const DOWN = ['drop table workbench.ladder_replay_steps', 'drop table workbench.ladder_replay_runs'];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
