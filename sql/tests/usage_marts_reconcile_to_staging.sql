-- The usage marts hold every staging usage record once: per service and unit, the quantity and the
-- record count of marts.usage_hourly and marts.usage_customer_monthly equal staging's, exactly.
-- A test returns the rows that fail it; none means it passes.
with
source as (
  select service, unit, sum(quantity) as quantity, count(*) as records from staging.stg_billing__usage_records group by all
),
hourly as (
  select service, unit, sum(quantity) as quantity, sum(records) as records from marts.usage_hourly group by all
),
customer_monthly as (
  select service, unit, sum(quantity) as quantity, sum(records) as records from marts.usage_customer_monthly group by all
)
select s.service, s.unit, s.quantity as staging_quantity, h.quantity as hourly_quantity, c.quantity as customer_monthly_quantity
from source s
full join hourly h using (service, unit)
full join customer_monthly c using (service, unit)
where s.quantity is distinct from h.quantity or s.quantity is distinct from c.quantity
   or s.records is distinct from h.records or s.records is distinct from c.records
