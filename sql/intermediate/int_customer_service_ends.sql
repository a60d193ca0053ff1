-- grain: one row per moment a customer's service stopped: a subscription ended and no other
--        subscription of the customer was running at that instant
-- source: staging subscriptions
--
-- This is the churn event of the churn model's label (sql/queries/churn_training_rows.sql): the
-- customer has no service left. A later reactivation does not undo it.
with

subscriptions as (
  select id, customer_id, started_at, ended_at from staging.stg_billing__subscriptions
),

ends as (
  select s.customer_id, s.id as subscription_id, s.ended_at
  from subscriptions s
  where s.ended_at is not null
    and not exists (
      select 1 from subscriptions o
      where o.customer_id = s.customer_id and o.id <> s.id
        and o.started_at <= s.ended_at and (o.ended_at is null or o.ended_at > s.ended_at)
    )
)

select customer_id, ended_at as service_ended_at, min(subscription_id) as subscription_id
from ends
group by customer_id, ended_at
