-- grain: one row per subscription × month whose subscription has a version in force at the month's close
-- source: staging subscription versions, subscriptions, plans; intermediate.int_mrr_month_closes
--
-- The MRR of one subscription at the close of a month (close_at: 00:00 on the 1st of the next
-- month, business time zone). A version is in force at the close when valid_from <= close_at and
-- (valid_to is null or valid_to > close_at): service that stops exactly at the close is not in force.
--   mrr_minor       price_minor of the version in force (the whole quantity, after discount, per
--                   billing period) / plans.billing_period_months, rounded half away from zero to
--                   the minor unit ONCE here; every MRR figure and movement sums these values, so
--                   the bridge closes to the minor unit. A yearly plan of 490000 gives 40833.
--   discount_mrr_minor  discount_minor normalised the same way (shown, never subtracted again).
--   in_trial        the subscription's trial_ends_at is after the close: not yet converted.
with

closes as (select month, close_at from intermediate.int_mrr_month_closes),

versions as (
  select id, subscription_id, plan_id, quantity, price_minor, discount_minor, currency, change_kind, valid_from, valid_to
  from staging.stg_billing__subscription_versions
),

subscriptions as (select id, customer_id, trial_ends_at from staging.stg_billing__subscriptions),

plans as (select id, code, name, billing_period_months from staging.stg_billing__plans),

in_force as (
  select c.month, c.close_at, v.*
  from versions v
  join closes c on v.valid_from <= c.close_at and (v.valid_to is null or v.valid_to > c.close_at)
)

select
  f.month,
  f.close_at,
  f.subscription_id,
  s.customer_id,
  f.currency,
  f.id as version_id,
  f.plan_id,
  p.code as plan_code,
  p.name as plan_name,
  p.billing_period_months,
  f.quantity,
  f.price_minor,
  f.discount_minor,
  f.change_kind,
  f.valid_from,
  round(f.price_minor::DECIMAL(38, 6) / p.billing_period_months)::BIGINT as mrr_minor,
  round(f.discount_minor::DECIMAL(38, 6) / p.billing_period_months)::BIGINT as discount_mrr_minor,
  coalesce(s.trial_ends_at > f.close_at, false) as in_trial
from in_force f
join subscriptions s on s.id = f.subscription_id
join plans p on p.id = f.plan_id
order by f.month, s.customer_id
