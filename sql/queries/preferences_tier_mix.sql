-- grain: one row per product family × plan held at the end of one month
-- source: marts.plan_mix_monthly
-- parameters: $1 the month (date, day 1), $2 segment or NULL for all, $3 region or NULL for all
--
-- Definitions (upgrade-tier adoption at the end of the month, business time zone):
--   tier                   the plan's rank in its family (sql/seeds/plan_families.csv; 1 = entry plan)
--   subscriptions          subscriptions on the plan
--   share_of_family        subscriptions / all subscriptions of the family (tiers of a family add up to 100 %)
--   upgraded_subscriptions subscriptions on the plan that had an upgrade at some point up to then
--   upgraded_share         upgraded_subscriptions / subscriptions
--
-- Определения (освоение уровней тарифов на конец месяца, часовой пояс компании):
--   tier                   ранг тарифа в его семействе (sql/seeds/plan_families.csv; 1 = начальный тариф)
--   subscriptions          подписки на тарифе
--   share_of_family        subscriptions / все подписки семейства (уровни семейства в сумме дают 100 %)
--   upgraded_subscriptions подписки на тарифе, у которых к этому моменту хотя бы раз было повышение тарифа
--   upgraded_share         upgraded_subscriptions / subscriptions
with

params as (select $1::date as month, $2::varchar as segment, $3::varchar as region),

plans as (
  select m.family, m.tier, m.plan_code, any_value(m.plan_name) as plan_name,
    sum(m.subscriptions) as subscriptions, sum(m.upgraded_subscriptions) as upgraded_subscriptions
  from marts.plan_mix_monthly m, params p
  where m.month = p.month and (p.segment is null or m.segment = p.segment) and (p.region is null or m.region = p.region)
  group by m.family, m.tier, m.plan_code
)

select family, tier, plan_code, plan_name, subscriptions::bigint as subscriptions,
  (subscriptions / sum(subscriptions) over (partition by family))::double as share_of_family,
  upgraded_subscriptions::bigint as upgraded_subscriptions,
  (upgraded_subscriptions / subscriptions)::double as upgraded_share
from plans
order by family, tier, plan_code
