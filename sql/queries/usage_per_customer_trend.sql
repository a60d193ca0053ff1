-- grain: one row per local month of the period with active customers
-- source: marts.usage_per_customer_monthly
-- parameters: $1 service, $2 unit, $3 first month (date, day 1), $4 last month (date, day 1, included),
--             $5 segment or NULL for all, $6 region or NULL for all
--
-- Definitions (per month, business time zone; a customer is active with quantity > 0 that month):
--   active_customers  customers who used the service in the month
--   median_quantity   median usage per active customer (interpolated between the middle two)
--   p90_quantity      90th percentile of usage per active customer (interpolated)
--   mean_quantity     total usage / active customers
--
-- Определения (по месяцам, часовой пояс компании; клиент активен, если quantity > 0 в этом месяце):
--   active_customers  клиенты, пользовавшиеся услугой в этом месяце
--   median_quantity   медиана потребления на активного клиента (с интерполяцией между двумя средними значениями)
--   p90_quantity      90-й процентиль потребления на активного клиента (с интерполяцией)
--   mean_quantity     всё потребление / активные клиенты
with

params as (
  select $1::varchar as service, $2::varchar as unit, $3::date as from_month, $4::date as to_month,
    $5::varchar as segment, $6::varchar as region
)

select strftime(s.month, '%Y-%m') as month, s.active_customers, s.total_quantity::varchar as total_quantity,
  s.mean_quantity, s.median_quantity, s.p90_quantity
from marts.usage_per_customer_monthly s, params p
where s.service = p.service and s.unit = p.unit and s.month >= p.from_month and s.month <= p.to_month
  and s.segment is not distinct from p.segment and s.region is not distinct from p.region
order by s.month
