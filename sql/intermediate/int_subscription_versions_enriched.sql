-- grain: one row per subscription version
-- source: staging subscription_versions, subscriptions, plans, customers; ref.plan_families (seed)
-- materialized: view
--
-- A version with what the reports need beside it: the customer, segment and region, the plan's
-- code and name, its product family and tier, and the subscription's history up to the version.
--   family, tier        from sql/seeds/plan_families.csv by plan code; a plan not listed there is a
--                       family of its own (family = plan code, tier 1)
--   previous_plan_code  plan code of the subscription's previous version (NULL for the first)
--   is_last             the subscription's latest version
--   ever_upgraded       the subscription had an 'upgrade' version at or before this one
with

versions as (
  select id, subscription_id, plan_id, quantity, change_kind, valid_from, valid_to, valid_from_local, valid_to_local
  from staging.stg_billing__subscription_versions
),

subscriptions as (
  select id, customer_id from staging.stg_billing__subscriptions
),

plans as (
  select id, code, name from staging.stg_billing__plans
),

customers as (
  select id, segment, region from staging.stg_billing__customers
),

families as (
  select plan_code, family, tier from ref.plan_families
),

joined as (
  select
    v.*, s.customer_id, c.segment, c.region, p.code as plan_code, p.name as plan_name,
    coalesce(f.family, p.code) as family, coalesce(f.tier, 1)::integer as tier
  from versions v
  join subscriptions s on s.id = v.subscription_id
  join customers c on c.id = s.customer_id
  join plans p on p.id = v.plan_id
  left join families f on f.plan_code = p.code
)

select
  *,
  lag(plan_code) over history as previous_plan_code,
  row_number() over (partition by subscription_id order by valid_from desc, id desc) = 1 as is_last,
  bool_or(change_kind = 'upgrade') over (history rows between unbounded preceding and current row) as ever_upgraded
from joined
window history as (partition by subscription_id order by valid_from, id)
