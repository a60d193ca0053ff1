-- grain: one row per local month of the period
-- source: marts.addon_adoption_monthly
-- parameters: $1 first month (date, day 1), $2 last month (date, day 1, included),
--             $3 segment or NULL for all, $4 region or NULL for all
--
-- Definitions (at the end of each month, business time zone):
--   customers                customers holding at least one subscription
--   multi_subscription       of them, customers holding two or more subscriptions
--   multi_family             of them, customers holding subscriptions of two or more product
--                            families (an add-on: e.g. home internet beside mobile); families from
--                            sql/seeds/plan_families.csv
--   multi_subscription_share multi_subscription / customers
--   add_on_share             multi_family / customers
--
-- Определения (на конец каждого месяца, часовой пояс компании):
--   customers                клиенты, у которых есть хотя бы одна подписка
--   multi_subscription       из них клиенты с двумя и более подписками
--   multi_family             из них клиенты с подписками из двух и более продуктовых
--                            семейств (дополнительная услуга: например, домашний интернет вместе с мобильной связью);
--                            семейства из sql/seeds/plan_families.csv
--   multi_subscription_share multi_subscription / customers
--   add_on_share             multi_family / customers
with

params as (select $1::date as from_month, $2::date as to_month, $3::varchar as segment, $4::varchar as region),

monthly as (
  select a.month,
    sum(a.customers) filter (where a.subscriptions_at_end >= 1) as customers,
    coalesce(sum(a.customers) filter (where a.subscriptions_at_end >= 2), 0) as multi_subscription,
    coalesce(sum(a.customers) filter (where a.families_at_end >= 2), 0) as multi_family
  from marts.addon_adoption_monthly a, params p
  where a.month >= p.from_month and a.month <= p.to_month
    and (p.segment is null or a.segment = p.segment) and (p.region is null or a.region = p.region)
  group by a.month
)

select strftime(month, '%Y-%m') as month, customers::bigint as customers, multi_subscription::bigint as multi_subscription,
  multi_family::bigint as multi_family,
  (multi_subscription / nullif(customers, 0))::double as multi_subscription_share,
  (multi_family / nullif(customers, 0))::double as add_on_share
from monthly
where customers > 0
order by month
