-- What happened to customers' subscriptions between two month closes: one row per event
-- source: staging subscription versions, subscriptions and plans; meta.settings
-- Parameters: $1 customer ids (VARCHAR[]), $2 currency, $3 from, $4 to: DATE, first days of the first and last month.
-- Events after the close before $3 and up to the close of $4 (business time zone):
--   a version's change_kind (new, upgrade, downgrade, quantity, reactivation) at its valid_from,
--   'ended' at the valid_to of a subscription's last version, 'trial_ended' at trial_ends_at.
-- mrr_minor is the version's price / billing period months, rounded as in marts.mrr_subscription_months.
with

window_bounds as (
  select timezone(business_timezone, $3::DATE::TIMESTAMP) as after_at,
         timezone(business_timezone, ($4::DATE + interval 1 month)::TIMESTAMP) as until_at
  from meta.settings
),

subscriptions as (
  select id, customer_id, trial_ends_at from staging.stg_billing__subscriptions where list_contains($1::VARCHAR[], customer_id)
),

versions as (
  select v.*, s.customer_id, p.code as plan_code, p.billing_period_months,
    lead(v.valid_from) over (partition by v.subscription_id order by v.valid_from) as next_from
  from staging.stg_billing__subscription_versions v
  join subscriptions s on s.id = v.subscription_id
  join staging.stg_billing__plans p on p.id = v.plan_id
  where v.currency = $2::VARCHAR
),

events as (
  select customer_id, subscription_id, change_kind as event, valid_from as event_at, plan_code, quantity,
    round(price_minor::DECIMAL(38, 6) / billing_period_months)::BIGINT as mrr_minor
  from versions
  union all
  select customer_id, subscription_id, 'ended', valid_to, plan_code, quantity, null
  from versions where valid_to is not null and next_from is null
  union all
  select s.customer_id, s.id, 'trial_ended', s.trial_ends_at, v.plan_code, null, null
  from subscriptions s join versions v on v.subscription_id = s.id and v.valid_from <= s.trial_ends_at and (v.valid_to is null or v.valid_to > s.trial_ends_at)
)

select e.customer_id, e.subscription_id, e.event, e.event_at, e.plan_code, e.quantity, e.mrr_minor
from events e cross join window_bounds w
where e.event_at > w.after_at and e.event_at <= w.until_at
order by e.customer_id, e.event_at, e.subscription_id
