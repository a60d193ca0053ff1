-- grain: one row per customer × cut-off of marts.churn_features_monthly whose label window has closed
-- source: marts.churn_features_monthly, intermediate.int_customer_service_ends
-- parameters: $1 horizon N in months (1–24), $2 as-of instant (timestamptz: the data's extraction time)
--
-- label churned = 1 when the customer's service stopped (intermediate.int_customer_service_ends)
-- within N months after the cut-off: cutoff_at < service_ended_at <= cutoff_at + N months.
-- Rows whose window reaches past the as-of instant are left out: their outcome is not known yet.
with

params as (select $1::INTEGER as horizon_months, $2::TIMESTAMPTZ as as_of),

features as (
  select f.* from marts.churn_features_monthly f cross join params p
  where f.cutoff_at + to_months(p.horizon_months) <= p.as_of
),

labelled as (
  select f.customer_id, f.cutoff_at,
    exists (
      select 1 from intermediate.int_customer_service_ends e cross join params p
      where e.customer_id = f.customer_id and e.service_ended_at > f.cutoff_at
        and e.service_ended_at <= f.cutoff_at + to_months(p.horizon_months)
    ) as churned
  from features f
)

select f.*, l.churned::INTEGER as churned
from features f
join labelled l using (customer_id, cutoff_at)
order by f.cutoff_at, f.customer_id
