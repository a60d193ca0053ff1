-- The usage marts hold every staging usage record once: per service and unit, the quantity (and,
-- where kept, the record count) of marts.usage_hourly, usage_daily and usage_customer_monthly equal
-- staging's exactly, and marts.usage_weekday_hour_monthly and usage_daily's hourly_quantity equal
-- staging's hourly buckets.
-- A test returns the rows that fail it; none means it passes.
with
source as (
  select service, unit, sum(quantity) as quantity, count(*) as records,
    coalesce(sum(quantity) filter (where bucket_hours = 1), 0) as hourly_quantity
  from staging.stg_billing__usage_records group by all
),
hourly as (
  select service, unit, sum(quantity) as quantity, sum(records) as records from marts.usage_hourly group by all
),
daily as (
  select service, unit, sum(quantity) as quantity, sum(records) as records, sum(hourly_quantity) as hourly_quantity
  from marts.usage_daily group by all
),
weekly_profile as (
  select service, unit, sum(quantity) as quantity from marts.usage_weekday_hour_monthly group by all
),
customer_monthly as (
  select service, unit, sum(quantity) as quantity, sum(records) as records from marts.usage_customer_monthly group by all
)
select s.service, s.unit, s.quantity as staging_quantity, h.quantity as hourly_quantity, d.quantity as daily_quantity,
  c.quantity as customer_monthly_quantity, w.quantity as weekday_hour_quantity
from source s
full join hourly h using (service, unit)
full join daily d using (service, unit)
full join weekly_profile w using (service, unit)
full join customer_monthly c using (service, unit)
where s.quantity is distinct from h.quantity or s.quantity is distinct from d.quantity or s.quantity is distinct from c.quantity
   or s.records is distinct from h.records or s.records is distinct from d.records or s.records is distinct from c.records
   or s.hourly_quantity is distinct from d.hourly_quantity or coalesce(w.quantity, 0) <> s.hourly_quantity
