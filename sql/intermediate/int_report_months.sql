-- grain: one row per local month (business time zone) from the first subscription version to the latest data
-- source: staging.stg_billing__subscription_versions, staging.stg_billing__usage_records
--
-- A table, not a view: the pages read its latest month on every request, and finding it scans all
-- usage records.
-- The calendar of the month-end snapshots (plan mix, add-on adoption): from the month the earliest
-- subscription version starts to the latest month with a version start or a usage record.
--   month             first day of the month (local date)
--   next_month_start  first day of the following month, local midnight: "the end of the month" is the
--                     last instant before it
with

bounds as (
  select
    (select min(valid_from_local) from staging.stg_billing__subscription_versions) as first_at,
    greatest(
      (select max(valid_from_local) from staging.stg_billing__subscription_versions),
      (select max(bucket_start_local) from staging.stg_billing__usage_records)
    ) as last_at
),

months as (
  select unnest(generate_series(date_trunc('month', first_at), date_trunc('month', last_at), interval 1 month))::date as month
  from bounds
  where first_at is not null
)

select month, (month + interval 1 month)::timestamp as next_month_start
from months
