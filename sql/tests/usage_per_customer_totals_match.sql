-- Every segment / region combination of marts.usage_per_customer_monthly sums the same active
-- customers and quantity as marts.usage_customer_monthly for that filter (checked for "all" and per segment).
-- A test returns the rows that fail it; none means it passes.
with
expected as (
  select month, service, unit, null::varchar as segment, count(*) as customers, sum(quantity) as quantity
  from marts.usage_customer_monthly where quantity > 0 group by month, service, unit
  union all
  select month, service, unit, segment, count(*), sum(quantity)
  from marts.usage_customer_monthly where quantity > 0 group by month, service, unit, segment
),
stats as (
  select month, service, unit, segment, active_customers, total_quantity
  from marts.usage_per_customer_monthly where region is null
)
select e.month, e.service, e.segment, e.customers, s.active_customers, e.quantity, s.total_quantity
from expected e
full join stats s on s.month = e.month and s.service = e.service and s.unit = e.unit and s.segment is not distinct from e.segment
where e.customers is distinct from s.active_customers or e.quantity is distinct from s.total_quantity
