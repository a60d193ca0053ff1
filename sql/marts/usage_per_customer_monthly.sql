-- grain: one row per local month × service × unit × segment (NULL = all segments) × region (NULL = all regions)
-- source: marts.usage_customer_monthly
--
-- Precomputed per-customer statistics for every segment / region filter combination (quantiles do
-- not add up across segments, so each combination is computed on its own; GROUP BY CUBE):
--   active_customers  customers with quantity > 0 of the service in the month
--   total_quantity    their summed quantity
--   mean_quantity     total_quantity / active_customers
--   median_quantity   median quantity per active customer (linear interpolation between the two
--                     middle customers when their number is even)
--   p90_quantity      90th percentile per active customer, interpolated the same way
with

active as (
  select month, service, unit, segment, region, customer_id, quantity
  from marts.usage_customer_monthly
  where quantity > 0
)

select
  month, service, unit, segment, region,
  count(*)::bigint as active_customers,
  sum(quantity)::decimal(38, 3) as total_quantity,
  (sum(quantity) / count(*))::double as mean_quantity,
  quantile_cont(quantity::double, 0.5) as median_quantity,
  quantile_cont(quantity::double, 0.9) as p90_quantity
from active
group by grouping sets ((month, service, unit, segment, region), (month, service, unit, segment), (month, service, unit, region), (month, service, unit))
order by month, service, segment nulls first, region nulls first
