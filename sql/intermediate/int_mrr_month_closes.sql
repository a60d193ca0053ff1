-- grain: one row per calendar month (business time zone) from the first subscription version to the latest billing event
-- source: staging subscription versions and invoices, meta.settings
--
-- The instant each month closes: 00:00 on the first day of the next month in the business time
-- zone, as a UTC instant (close_at). Every month-end figure of the MRR pages is "as at close_at".
-- month_end is the month's last calendar day, for counting days past due at the close.
with

settings as (select business_timezone as tz from meta.settings),

versions as (select valid_from, valid_to from staging.stg_billing__subscription_versions),

invoices as (select issued_at from staging.stg_billing__invoices),

events as (
  select valid_from as event_at from versions
  union all select valid_to from versions where valid_to is not null
  union all select issued_at from invoices
),

bounds as (
  select
    date_trunc('month', timezone(s.tz, (select min(valid_from) from versions)))::date as first_month,
    date_trunc('month', timezone(s.tz, (select max(event_at) from events)))::date as last_month
  from settings s
),

months as (
  select unnest(generate_series(b.first_month, b.last_month, interval 1 month))::date as month
  from bounds b
  where b.first_month is not null
)

select
  m.month,
  (m.month + interval 1 month - interval 1 day)::date as month_end,
  timezone(s.tz, (m.month + interval 1 month)::timestamp) as close_at,
  row_number() over (order by m.month)::integer as month_index
from months m
cross join settings s
order by m.month
