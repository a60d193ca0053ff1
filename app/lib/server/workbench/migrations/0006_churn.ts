import { sql, type Kysely } from 'kysely';

/**
 * Churn scores and retention bonuses (issue 6).
 *  churn_score_runs / churn_scores  one scoring per (model, cut-off): features only change at month
 *      starts, so a sync that brings no new cut-off and no new model writes nothing.
 *  retention_bonus_settings  the bonus policy (one jsonb row per change; the newest applies).
 *  retention_bonuses  every eligible customer the policy picked: arm 'offer' (proposed → approved or
 *      rejected) or arm 'holdout' (randomly kept without a bonus, to measure uplift), with the outcome
 *      once the observation window has passed.
 *  retention_bonus_outbox  approved bonuses for the billing system to credit (same contract as the
 *      collections outbox: at-least-once, acknowledged by id).
 * Probabilities are double precision (a model output, not money); money is bigint minor units.
 */
const UP = [
  `create table workbench.churn_score_runs (
    id            bigint generated always as identity primary key,
    model_id      text not null check (model_id <> ''),
    model_source  text not null check (model_source in ('active', 'default')),
    cutoff_at     timestamptz not null,
    as_of_month   date not null,
    scored_at     timestamptz not null default now(),
    customers     integer not null check (customers >= 0),
    medium_from   double precision not null,
    high_from     double precision not null,
    unique (model_id, cutoff_at)
  )`,
  `create table workbench.churn_scores (
    run_id       bigint not null references workbench.churn_score_runs (id) on delete cascade,
    customer_id  text not null check (customer_id <> ''),
    probability  double precision not null check (probability >= 0 and probability <= 1),
    band         text not null check (band in ('low', 'medium', 'high')),
    reasons      jsonb not null check (jsonb_typeof(reasons) = 'array'),
    features     jsonb not null check (jsonb_typeof(features) = 'object'),
    mrr_minor    bigint not null,
    currency     text not null check (currency ~ '^[A-Z]{3}$'),
    segment      text not null,
    primary key (run_id, customer_id)
  )`,
  `create index churn_scores_customer on workbench.churn_scores (customer_id, run_id)`,
  `create table workbench.retention_bonus_settings (
    id          bigint generated always as identity primary key,
    policy      jsonb not null check (jsonb_typeof(policy) = 'object'),
    changed_by  text not null,
    changed_at  timestamptz not null default now()
  )`,
  `create table workbench.retention_bonuses (
    id             bigint generated always as identity primary key,
    customer_id    text not null check (customer_id <> ''),
    run_id         bigint not null references workbench.churn_score_runs (id),
    proposed_on    date not null,
    arm            text not null check (arm in ('offer', 'holdout')),
    status         text not null check (status in ('proposed', 'approved', 'rejected', 'holdout')),
    band           text not null check (band in ('low', 'medium', 'high')),
    probability    double precision not null,
    value_tier     text not null,
    amount_minor   bigint not null check (amount_minor >= 0),
    currency       text not null check (currency ~ '^[A-Z]{3}$'),
    mrr_minor      bigint not null,
    observe_until  date not null,
    decided_by     text,
    decided_at     timestamptz,
    decision_note  text,
    outcome        text check (outcome in ('stayed', 'churned')),
    outcome_at     timestamptz,
    unique (customer_id, run_id),
    constraint retention_bonuses_arm check ((arm = 'holdout') = (status = 'holdout')),
    constraint retention_bonuses_decided check ((status in ('approved', 'rejected')) = (decided_at is not null))
  )`,
  `create index retention_bonuses_customer on workbench.retention_bonuses (customer_id, proposed_on)`,
  `create table workbench.retention_bonus_outbox (
    id               bigint generated always as identity primary key,
    bonus_id         bigint not null unique references workbench.retention_bonuses (id),
    payload          jsonb not null,
    created_at       timestamptz not null default now(),
    published_at     timestamptz,
    acknowledged_at  timestamptz
  )`,
];

const DOWN = ['retention_bonus_outbox', 'retention_bonuses', 'retention_bonus_settings', 'churn_scores', 'churn_score_runs'];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of DOWN) await sql.raw(`drop table workbench.${table}`).execute(db);
}
