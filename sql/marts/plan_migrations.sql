-- grain: one row per subscription event: a start, a change of plan, or an end
-- source: intermediate.int_subscription_versions_enriched
--
-- How subscriptions move between plans, by the local month (business time zone) of the event:
--   start   the subscription's first version (change_kind new or reactivation): from_plan_code NULL
--   change  a version whose plan code differs from the previous version's (upgrade or downgrade as
--           the billing system labelled it); quantity-only changes are not plan moves
--   end     the last version's valid_to (the subscription ended): to_plan_code NULL
-- Moves are counted per subscription: a customer who cancels one subscription and opens another
-- shows as an end and a start.
with

versions as (
  select id, subscription_id, customer_id, segment, region, plan_code, previous_plan_code, change_kind, is_last,
    valid_from, valid_from_local, valid_to, valid_to_local
  from intermediate.int_subscription_versions_enriched
),

starts_and_changes as (
  select
    date_trunc('month', valid_from_local)::date as month, valid_from as event_at,
    case when previous_plan_code is null then 'start' else 'change' end as event,
    subscription_id, customer_id, segment, region,
    previous_plan_code as from_plan_code, plan_code as to_plan_code, change_kind
  from versions
  where previous_plan_code is null or previous_plan_code <> plan_code
),

ends as (
  select
    date_trunc('month', valid_to_local)::date as month, valid_to as event_at, 'end' as event,
    subscription_id, customer_id, segment, region,
    plan_code as from_plan_code, null::varchar as to_plan_code, 'end' as change_kind
  from versions
  where is_last and valid_to is not null
)

select * from starts_and_changes
union all
select * from ends
order by event_at, subscription_id
