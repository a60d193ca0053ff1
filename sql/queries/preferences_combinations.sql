-- grain: one row per combination of product families held at the end of one month
-- source: marts.addon_adoption_monthly
-- parameters: $1 the month (date, day 1), $2 segment or NULL for all, $3 region or NULL for all
--
-- Definitions (at the end of the month, business time zone; customers holding 1+ subscriptions):
--   combination    product families of the customer's subscriptions, alphabetical, one entry per
--                  subscription ('home + mobile'); families from sql/seeds/plan_families.csv
--   customers      customers holding exactly that combination
--   share          customers / customers holding at least one subscription (combinations add up to 100 %)
--
-- Определения (на конец месяца, часовой пояс компании; клиенты с одной и более подписками):
--   combination    продуктовые семейства подписок клиента по алфавиту, по одному на каждую
--                  подписку ('home + mobile'); семейства из sql/seeds/plan_families.csv
--   customers      клиенты, у которых ровно такое сочетание
--   share          customers / клиенты хотя бы с одной подпиской (сочетания в сумме дают 100 %)
with

params as (select $1::date as month, $2::varchar as segment, $3::varchar as region),

combos as (
  select a.combination, any_value(a.families_at_end) as families, any_value(a.subscriptions_at_end) as subscriptions,
    sum(a.customers) as customers
  from marts.addon_adoption_monthly a, params p
  where a.month = p.month and a.subscriptions_at_end >= 1
    and (p.segment is null or a.segment = p.segment) and (p.region is null or a.region = p.region)
  group by a.combination
)

select combination, families::integer as families, subscriptions::integer as subscriptions, customers::bigint as customers,
  (customers / sum(customers) over ())::double as share
from combos
order by customers desc, combination
