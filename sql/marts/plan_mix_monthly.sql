-- grain: one row per local month × plan code × segment × region
-- source: intermediate.int_subscription_versions_enriched, intermediate.int_report_months
--
-- Which plans are held at the end of each month (business time zone): a subscription version is
-- held at the end of the month when it started before the next month began and had not ended by
-- then (valid_from < next month start <= valid_to, or valid_to NULL). For the latest month that is
-- the state at the latest data. Plans are compared by code, so a plan sold in several currencies is one.
--   subscriptions           subscriptions on the plan at the end of the month
--   quantity                their lines / seats / connections (subscription_versions.quantity)
--   customers               distinct customers holding the plan (adds up over segments and regions,
--                           not over plans: a customer may hold two plans)
--   upgraded_subscriptions  of those subscriptions, the ones that had an 'upgrade' change at some
--                           point up to then (upgrade-tier adoption)
with

months as (
  select month, next_month_start from intermediate.int_report_months
),

versions as (
  select subscription_id, customer_id, segment, region, plan_code, plan_name, family, tier, quantity, ever_upgraded,
    valid_from_local, valid_to_local
  from intermediate.int_subscription_versions_enriched
),

held_at_month_end as (
  select m.month, v.*
  from months m
  join versions v on v.valid_from_local < m.next_month_start
    and (v.valid_to_local is null or v.valid_to_local >= m.next_month_start)
)

select
  month, plan_code, any_value(plan_name) as plan_name, any_value(family) as family, any_value(tier) as tier, segment, region,
  count(*)::bigint as subscriptions,
  sum(quantity)::bigint as quantity,
  count(distinct customer_id)::bigint as customers,
  count(*) filter (where ever_upgraded)::bigint as upgraded_subscriptions
from held_at_month_end
group by month, plan_code, segment, region
order by month, plan_code, segment, region
