-- grain: one row per customer × service × unit × local month (business time zone)
-- source: staging.stg_billing__usage_records; segment and region from staging.stg_billing__customers
--
-- Each customer's use of a service in a month, hourly and daily buckets alike (a bucket counts in
-- the month its start falls in, local time):
--   quantity     sum of quantity in `unit`
--   active_days  distinct local dates with a record of positive quantity (1–31)
--   records      number of usage records
-- A customer is "active" in a service and month when quantity > 0.
with

usage as (
  select customer_id, service, unit, bucket_start_local, quantity
  from staging.stg_billing__usage_records
),

customers as (
  select id, segment, region from staging.stg_billing__customers
)

select
  date_trunc('month', u.bucket_start_local)::date as month,
  u.customer_id, u.service, u.unit, c.segment, c.region,
  sum(u.quantity)::decimal(38, 3) as quantity,
  count(distinct u.bucket_start_local::date) filter (where u.quantity > 0)::integer as active_days,
  count(*)::bigint as records
from usage u
join customers c on c.id = u.customer_id
group by all
order by month, service, customer_id
