-- grain: one row per customer × currency × month (by_plan false) and per customer × currency × plan × month (by_plan true),
--        for the months with MRR components now, at the previous close or twelve closes earlier
-- source: marts.mrr_subscription_months, marts.mrr_customer_overdue_months, intermediate.int_usage_revenue_monthly,
--         intermediate.int_mrr_month_closes, staging customers
--
-- The components of a customer's MRR at each month's close, kept apart so the page's settings
-- (past-due churn, usage, trials, free plans) are applied per request by sql/queries/mrr_customer_movements.sql:
--   recurring_minor    sum of mrr_minor of its subscriptions in force at the close and not in trial
--   trial_minor        the same for subscriptions still in trial at the close
--   usage_minor        trailing three-month average of usage revenue: (usage of the month and the two
--                      before, by invoice issue month) / 3, rounded half away from zero to the minor unit
--   free_plan          a subscription in force at the close, not in trial, at zero price
--   max_days_past_due  the customer's oldest overdue open invoice at the close, days (null: none)
--   prev_*, m12_*      the same at the previous close and twelve closes earlier (0 or null before the first row)
--   first_month*       the first month with MRR above zero, for each way of counting trials and usage
--                      (past-due churn not considered): what tells new from reactivated customers
-- Rows with by_plan = true split the same amounts by plan code (usage under the pseudo-plan
-- '(usage)'); rows with by_plan = false hold the customer's totals. The series is built dense (every
-- month from the key's first) for the prev_* and m12_* columns, then keeps only the rows with
-- something now, at the previous close or twelve closes earlier (the churn month has its row).
-- Segment and region are the customer's current ones (the contract keeps no history of them).
with

closes as (select month, month_index from intermediate.int_mrr_month_closes),

subscription_months as (
  select month, customer_id, currency, plan_code, mrr_minor, in_trial
  from marts.mrr_subscription_months
),

usage_months as (select customer_id, currency, month, usage_minor from intermediate.int_usage_revenue_monthly),

overdue as (select month, customer_id, currency, max_days_past_due from marts.mrr_customer_overdue_months),

customers as (select id, segment, region from staging.stg_billing__customers),

usage_trailing as (
  select u.customer_id, u.currency, c.month, round(sum(u.usage_minor)::DECIMAL(38, 6) / 3)::BIGINT as usage_minor
  from usage_months u
  join closes c on c.month >= u.month and c.month <= u.month + interval 2 month
  group by all
),

by_plan as (
  select
    customer_id, currency, plan_code, month,
    sum(mrr_minor) filter (where not in_trial)::BIGINT as recurring_minor,
    sum(mrr_minor) filter (where in_trial)::BIGINT as trial_minor,
    0::BIGINT as usage_minor,
    bool_or(mrr_minor = 0 and not in_trial) as free_plan,
    count(*)::INTEGER as subscriptions
  from subscription_months
  group by all
  union all
  select customer_id, currency, '(usage)' as plan_code, month, 0, 0, usage_minor, false, 0
  from usage_trailing
),

by_customer as (
  select
    customer_id, currency, null::VARCHAR as plan_code, month,
    sum(recurring_minor)::BIGINT as recurring_minor, sum(trial_minor)::BIGINT as trial_minor, sum(usage_minor)::BIGINT as usage_minor,
    bool_or(free_plan) as free_plan, sum(subscriptions)::INTEGER as subscriptions
  from by_plan
  group by all
),

amounts as (
  select false as by_plan, * from by_customer
  union all select true as by_plan, * from by_plan
),

keys as (
  select by_plan, customer_id, currency, plan_code, min(month) as first_month
  from amounts
  group by all
),

dense as (
  select k.by_plan, k.customer_id, k.currency, k.plan_code, c.month, c.month_index
  from keys k
  join closes c on c.month >= k.first_month
),

filled as (
  select
    d.month, d.month_index, d.by_plan, d.customer_id, d.currency, d.plan_code, cu.segment, cu.region,
    coalesce(a.recurring_minor, 0)::BIGINT as recurring_minor,
    coalesce(a.trial_minor, 0)::BIGINT as trial_minor,
    coalesce(a.usage_minor, 0)::BIGINT as usage_minor,
    coalesce(a.free_plan, false) as free_plan,
    coalesce(a.subscriptions, 0)::INTEGER as subscriptions,
    o.max_days_past_due
  from dense d
  join customers cu on cu.id = d.customer_id
  left join amounts a on a.by_plan = d.by_plan and a.customer_id = d.customer_id and a.currency = d.currency
    and a.plan_code is not distinct from d.plan_code and a.month = d.month
  left join overdue o on o.customer_id = d.customer_id and o.currency = d.currency and o.month = d.month
),

lagged as (
select
  *,
  coalesce(lag(recurring_minor) over w, 0)::BIGINT as prev_recurring_minor,
  coalesce(lag(trial_minor) over w, 0)::BIGINT as prev_trial_minor,
  coalesce(lag(usage_minor) over w, 0)::BIGINT as prev_usage_minor,
  coalesce(lag(free_plan) over w, false) as prev_free_plan,
  lag(max_days_past_due) over w as prev_max_days_past_due,
  coalesce(lag(recurring_minor, 12) over w, 0)::BIGINT as m12_recurring_minor,
  coalesce(lag(trial_minor, 12) over w, 0)::BIGINT as m12_trial_minor,
  coalesce(lag(usage_minor, 12) over w, 0)::BIGINT as m12_usage_minor,
  lag(max_days_past_due, 12) over w as m12_max_days_past_due,
  min(month) filter (where recurring_minor > 0) over k as first_month,
  min(month) filter (where recurring_minor + trial_minor > 0) over k as first_month_with_trials,
  min(month) filter (where recurring_minor + usage_minor > 0) over k as first_month_with_usage,
  min(month) filter (where recurring_minor + trial_minor + usage_minor > 0) over k as first_month_with_trials_and_usage
from filled
window
  w as (partition by by_plan, customer_id, currency, plan_code order by month),
  k as (partition by by_plan, customer_id, currency, plan_code)
)

select * from lagged
-- a row with nothing now, at the previous close or twelve closes earlier adds nothing to any figure
where recurring_minor + trial_minor + usage_minor > 0 or free_plan
   or prev_recurring_minor + prev_trial_minor + prev_usage_minor > 0 or prev_free_plan
   or m12_recurring_minor + m12_trial_minor + m12_usage_minor > 0
-- stored by grain and month: a request reads one grain and a range of months (zone maps skip the rest)
order by by_plan, month, currency
