-- grain: one row per service × unit × number of active days in a month (1–31) seen in the period
-- source: marts.usage_active_days_monthly, marts.addon_adoption_monthly
-- parameters: $1 first month (date, day 1), $2 last month (date, day 1, included),
--             $3 segment or NULL for all, $4 region or NULL for all
--
-- Definitions (counted in customer-months: one customer in one month; business time zone):
--   customer_months           customer-months in which the service was used on exactly active_days days
--   customer_months_at_least  customer-months with active_days or more days of use
--   in_service                customer-months with a subscription in service at some moment of the month
--   share_at_least            customer_months_at_least / in_service: the share of customers using the
--                             service at least active_days days a month (usage after a subscription
--                             ended, e.g. late-metered, can put it slightly above what plans allow)
--
-- Определения (в клиенто-месяцах: один клиент в одном месяце; часовой пояс компании):
--   customer_months           клиенто-месяцы, в которых услугой пользовались ровно active_days дней
--   customer_months_at_least  клиенто-месяцы с active_days и более днями использования
--   in_service                клиенто-месяцы, в которых в какой-то момент месяца действовала подписка
--   share_at_least            customer_months_at_least / in_service: доля клиентов, пользующихся
--                             услугой не меньше active_days дней в месяц (потребление после окончания
--                             подписки, например учтённое с опозданием, может дать чуть больше, чем позволяют тарифы)
with

params as (select $1::date as from_month, $2::date as to_month, $3::varchar as segment, $4::varchar as region),

in_service as (
  select coalesce(sum(a.customers), 0) as customer_months
  from marts.addon_adoption_monthly a, params p
  where a.month >= p.from_month and a.month <= p.to_month
    and (p.segment is null or a.segment = p.segment) and (p.region is null or a.region = p.region)
),

days as (
  select d.service, d.unit, d.active_days, sum(d.customers) as customer_months
  from marts.usage_active_days_monthly d, params p
  where d.month >= p.from_month and d.month <= p.to_month
    and (p.segment is null or d.segment = p.segment) and (p.region is null or d.region = p.region)
  group by all
)

select d.service, d.unit, d.active_days, d.customer_months::bigint as customer_months,
  (sum(d.customer_months) over (partition by d.service, d.unit order by d.active_days desc))::bigint as customer_months_at_least,
  s.customer_months::bigint as in_service,
  (sum(d.customer_months) over (partition by d.service, d.unit order by d.active_days desc) / nullif(s.customer_months, 0))::double as share_at_least
from days d cross join in_service s
order by d.service, d.unit, d.active_days
