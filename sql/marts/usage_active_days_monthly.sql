-- grain: one row per local month × service × unit × segment × region × active days (1–31)
-- source: marts.usage_customer_monthly
--
-- How often customers use a service: customers counted by the number of distinct local days in the
-- month on which they used it (quantity > 0). Counts add up across segments and regions.
--   customers  customers who used the service on exactly `active_days` days of the month
select
  month, service, unit, segment, region, active_days,
  count(*)::bigint as customers
from marts.usage_customer_monthly
where active_days > 0
group by all
order by month, service, active_days
