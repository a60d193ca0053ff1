-- grain: one row per service × unit × local date × local hour × bucket size × segment × region
-- source: staging.stg_billing__usage_records; segment and region from staging.stg_billing__customers
--
-- Usage as metered, summed into the business time zone's calendar (meta.settings.business_timezone):
-- a record counts on the local date and local hour its bucket STARTS in. Daily buckets
-- (bucket_hours = 24, written for low-activity customers) have no hour of their own: they keep
-- local_hour of their start (normally 0) but carry bucket_hours = 24, and every hour-of-day figure
-- (heatmap, peak hours) reads bucket_hours = 1 only; daily and monthly totals read both.
--   quantity  sum of usage_records.quantity in `unit` (minute | message | mb | hour | call), exact
--             to the thousandth; data is shown in GB = mb / 1024 on the pages
--   records   number of usage records summed
with

usage as (
  select customer_id, service, unit, bucket_hours, bucket_start_local, quantity
  from staging.stg_billing__usage_records
),

customers as (
  select id, segment, region from staging.stg_billing__customers
),

bucketed as (
  select
    u.service, u.unit, u.bucket_start_local::date as local_date, hour(u.bucket_start_local)::integer as local_hour,
    u.bucket_hours, c.segment, c.region, u.quantity
  from usage u
  join customers c on c.id = u.customer_id
)

select
  service, unit, local_date, local_hour, isodow(local_date)::integer as iso_weekday, bucket_hours, segment, region,
  sum(quantity)::decimal(38, 3) as quantity,
  count(*)::bigint as records
from bucketed
group by all
order by service, local_date, local_hour
