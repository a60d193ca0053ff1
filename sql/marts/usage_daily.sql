-- grain: one row per service × unit × local date × segment × region
-- source: marts.usage_hourly
--
-- Daily usage in the business time zone, hourly and daily buckets together, kept apart in columns so
-- every daily and monthly figure reads a table some 24 times smaller than marts.usage_hourly:
--   quantity         all usage of the day (a bucket counts on the local date it starts)
--   hourly_quantity  the part metered in hourly buckets
--   daily_quantity   the part metered in daily buckets (no hour of day)
--   records          usage records
select
  service, unit, local_date, segment, region,
  sum(quantity)::decimal(38, 3) as quantity,
  coalesce(sum(quantity) filter (where bucket_hours = 1), 0)::decimal(38, 3) as hourly_quantity,
  coalesce(sum(quantity) filter (where bucket_hours = 24), 0)::decimal(38, 3) as daily_quantity,
  sum(records)::bigint as records
from marts.usage_hourly
group by service, unit, local_date, segment, region
order by service, local_date
