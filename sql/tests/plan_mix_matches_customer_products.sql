-- Subscriptions held at each month end are counted alike by marts.plan_mix_monthly (by plan) and
-- marts.addon_adoption_monthly (by customer), and the migration events close: for every
-- subscription, starts − ends is 1 while it runs and 0 once it ended.
-- A test returns the rows that fail it; none means it passes.
with
by_plan as (select month, sum(subscriptions) as subscriptions from marts.plan_mix_monthly group by month),
by_customer as (select month, sum(subscriptions) as subscriptions from marts.addon_adoption_monthly group by month),
month_mismatch as (
  select coalesce(p.month, c.month)::varchar as key, 'month-end subscriptions' as check_name,
    p.subscriptions::varchar as plan_mix, c.subscriptions::varchar as adoption
  from by_plan p full join by_customer c using (month)
  where coalesce(p.subscriptions, 0) <> coalesce(c.subscriptions, 0)
),
events as (
  select subscription_id,
    count(*) filter (where event = 'start') as starts,
    count(*) filter (where event = 'end') as ends
  from marts.plan_migrations group by subscription_id
),
subscription_mismatch as (
  select e.subscription_id as key, 'starts and ends' as check_name, e.starts::varchar, e.ends::varchar
  from events e
  where e.starts <> 1 or e.ends > 1
)
select * from month_mismatch
union all
select * from subscription_mismatch
