-- grain: one row per customer among the period's largest users of the service, largest first
-- source: marts.usage_customer_monthly, staging.stg_billing__customers (name)
-- parameters: $1 service, $2 unit, $3 first month (date, day 1), $4 last month (date, day 1, included),
--             $5 segment or NULL for all, $6 region or NULL for all, $7 how many customers (1–1000)
--
-- Definitions (months in the business time zone; hourly and daily buckets alike):
--   quantity       the customer's usage of the service in the period
--   share          quantity / usage of all customers matching the filters in the period
--   active_months  months of the period with quantity > 0
--   active_days    days with usage, summed over the period's months
-- Ties are broken by customer id.
--
-- Определения (месяцы в часовом поясе компании; часовые и суточные интервалы учитываются одинаково):
--   quantity       потребление услуги клиентом за период
--   share          quantity / потребление всех клиентов, подходящих под фильтры, за период
--   active_months  месяцы периода с quantity > 0
--   active_days    дни с потреблением, суммарно по месяцам периода
-- При равенстве клиенты упорядочены по идентификатору.
with

params as (
  select $1::varchar as service, $2::varchar as unit, $3::date as from_month, $4::date as to_month,
    $5::varchar as segment, $6::varchar as region, $7::integer as top
),

per_customer as (
  select u.customer_id, any_value(u.segment) as segment, any_value(u.region) as region,
    sum(u.quantity) as quantity,
    count(*) filter (where u.quantity > 0) as active_months,
    sum(u.active_days) as active_days
  from marts.usage_customer_monthly u, params p
  where u.service = p.service and u.unit = p.unit and u.month >= p.from_month and u.month <= p.to_month
    and (p.segment is null or u.segment = p.segment) and (p.region is null or u.region = p.region)
  group by u.customer_id
),

ranked as (
  select *, quantity / sum(quantity) over () as share,
    row_number() over (order by quantity desc, customer_id) as rank
  from per_customer
)

select r.rank::integer as rank, r.customer_id, c.name, r.segment, r.region, r.quantity::varchar as quantity,
  r.share::double as share, r.active_months::integer as active_months, r.active_days::integer as active_days
from ranked r
cross join params p
join staging.stg_billing__customers c on c.id = r.customer_id
where r.rank <= p.top
order by r.rank
