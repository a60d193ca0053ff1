-- Ledgerlens billing source contract, version 1.
--
-- These are the tables Ledgerlens READS from a company's billing database. Ledgerlens never writes
-- to them. A billing system with another schema maps onto the contract with SQL views of the same
-- names and columns (see README, "Mapping your billing database"); the DDL below is what the demo
-- generator fills and what the tests run against.
--
-- Conventions every table follows:
--   * `id` is text: it holds bigint ids, UUIDs (Lago, Kill Bill) or composite keys alike.
--   * money is bigint MINOR units (kopecks, cents) with an ISO 4217 `currency` beside it;
--     a system that stores major units (Kill Bill: numeric) maps with round(amount * 10^digits).
--   * timestamps are timestamptz (UTC instants); dates without time (service periods) are date.
--   * `updated_at` changes on every insert and update: incremental sync reads rows with
--     updated_at after its watermark, so index it. Deleted rows are noticed by reconciliation.
--   * Business rules are NOT enforced by constraints here, because mapped views cannot carry them:
--     the sync checks them and quarantines the rows that break them (README, "Contract rules").
--
-- Accounting identities the contract guarantees (checked on every sync, row by row):
--   I1  invoices.total_minor = subtotal_minor + tax_minor - credits_applied_minor
--   I2  invoices.subtotal_minor = sum(invoice_lines.amount_minor) and
--       invoices.tax_minor      = sum(invoice_lines.tax_minor)   (when the invoice has lines)
--   I3  sum(payment_allocations.amount_minor) per payment <= payments.amount_minor - refunded_minor
--   I4  amount due = total - allocations - credit notes (issued) >= 0 for every invoice, and = 0
--       for an invoice whose status is 'paid'.
create schema if not exists billing;

create table if not exists billing.customers (
  id          text primary key,
  name        text not null,
  email       text,
  phone       text,
  segment     text not null,            -- consumer | smb | enterprise
  region      text not null,
  currency    text not null,            -- ISO 4217, the customer's billing currency
  created_at  timestamptz not null,     -- became a customer
  closed_at   timestamptz,              -- account closed (null while open)
  updated_at  timestamptz not null default now()
);

create table if not exists billing.plans (
  id                     text primary key,
  code                   text not null,
  name                   text not null,
  kind                   text not null,   -- subscription | usage | hybrid
  billing_period_months  integer not null,-- 1 monthly, 3 quarterly, 12 yearly
  price_minor            bigint not null, -- recurring price per billing period and unit (0 for pure usage)
  currency               text not null,
  updated_at             timestamptz not null default now()
);

create table if not exists billing.subscriptions (
  id           text primary key,
  customer_id  text not null,
  plan_id      text not null,             -- the current plan (history in subscription_versions)
  status       text not null,             -- trialing | active | past_due | canceled
  started_at   timestamptz not null,
  trial_ends_at timestamptz,
  canceled_at  timestamptz,               -- when the customer asked to cancel
  ended_at     timestamptz,               -- when service stopped
  updated_at   timestamptz not null default now()
);

-- Plan-change history: one row per state of a subscription, valid over [valid_from, valid_to).
create table if not exists billing.subscription_versions (
  id                 text primary key,
  subscription_id    text not null,
  plan_id            text not null,
  quantity           integer not null,    -- seats, lines, connections
  price_minor        bigint not null,     -- price per billing period for the whole quantity, after discount
  discount_minor     bigint not null,     -- discount included in price_minor, per billing period
  currency           text not null,
  change_kind        text not null,       -- new | upgrade | downgrade | quantity | reactivation
  valid_from         timestamptz not null,
  valid_to           timestamptz,         -- null while current; = ended_at for the last version of a canceled subscription
  updated_at         timestamptz not null default now()
);

create table if not exists billing.invoices (
  id                     text primary key,
  number                 text not null,   -- unique per billing system
  customer_id            text not null,
  subscription_id        text,
  status                 text not null,   -- draft | open | paid | void | uncollectible
  currency               text not null,
  issued_at              timestamptz not null,
  due_at                 timestamptz not null,
  service_period_start   date,
  service_period_end     date,            -- inclusive
  subtotal_minor         bigint not null, -- sum of lines, after discounts, before tax
  tax_minor              bigint not null,
  credits_applied_minor  bigint not null default 0, -- prepaid credit applied at issue
  total_minor            bigint not null, -- = subtotal + tax - credits_applied
  voided_at              timestamptz,
  updated_at             timestamptz not null default now()
);

create table if not exists billing.invoice_lines (
  id              text primary key,
  invoice_id      text not null,
  kind            text not null,          -- recurring | usage | one_off | discount | late_fee
  service         text,                   -- mobile | voice | sms | data | tv | internet | saas | api | null
  description     text not null,
  quantity        numeric(18,3) not null,
  amount_minor    bigint not null,        -- before tax; negative for discounts
  tax_minor       bigint not null,
  period_start    date,
  period_end      date,
  updated_at      timestamptz not null default now()
);

create table if not exists billing.payments (
  id              text primary key,
  customer_id     text not null,
  received_at     timestamptz not null,
  amount_minor    bigint not null,
  currency        text not null,
  method          text not null,          -- card | bank_transfer | direct_debit | cash | wallet
  status          text not null,          -- pending | succeeded | failed | refunded | charged_back
  refunded_minor  bigint not null default 0, -- returned to the customer (refund or chargeback)
  refunded_at     timestamptz,
  updated_at      timestamptz not null default now()
);

create table if not exists billing.payment_allocations (
  id            text primary key,
  payment_id    text not null,
  invoice_id    text not null,
  amount_minor  bigint not null,
  allocated_at  timestamptz not null,
  updated_at    timestamptz not null default now()
);

create table if not exists billing.credit_notes (
  id            text primary key,
  number        text not null,
  invoice_id    text not null,
  customer_id   text not null,
  issued_at     timestamptz not null,
  currency      text not null,
  amount_minor  bigint not null,          -- including tax, reduces the invoice's amount due
  reason        text not null,          -- outage | billing_error | goodwill | dispute | write_off
  status        text not null,          -- issued | void
  updated_at    timestamptz not null default now()
);

-- Metered usage in hourly buckets (bucket_hours = 1) or, for low-activity customers, daily (24).
create table if not exists billing.usage_records (
  id               text primary key,
  customer_id      text not null,
  subscription_id  text,
  service          text not null,         -- voice | sms | data | tv | api
  bucket_start     timestamptz not null,
  bucket_hours     integer not null,
  quantity         numeric(18,3) not null,
  unit             text not null,         -- minute | message | mb | hour | call
  updated_at       timestamptz not null default now()
);

create index if not exists customers_updated_at on billing.customers (updated_at);
create index if not exists plans_updated_at on billing.plans (updated_at);
create index if not exists subscriptions_updated_at on billing.subscriptions (updated_at);
create index if not exists subscription_versions_updated_at on billing.subscription_versions (updated_at);
create index if not exists invoices_updated_at on billing.invoices (updated_at);
create index if not exists invoice_lines_updated_at on billing.invoice_lines (updated_at);
create index if not exists payments_updated_at on billing.payments (updated_at);
create index if not exists payment_allocations_updated_at on billing.payment_allocations (updated_at);
create index if not exists credit_notes_updated_at on billing.credit_notes (updated_at);
create index if not exists usage_records_updated_at on billing.usage_records (updated_at);
