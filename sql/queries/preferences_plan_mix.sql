-- grain: one row per local month × plan code held at the end of the month
-- source: marts.plan_mix_monthly
-- parameters: $1 first month (date, day 1), $2 last month (date, day 1, included),
--             $3 segment or NULL for all, $4 region or NULL for all
--
-- Definitions (month ends in the business time zone; see marts.plan_mix_monthly):
--   subscriptions           subscriptions on the plan at the end of the month
--   share                   subscriptions / all subscriptions held at the end of the month (plans add up to 100 %)
--   quantity                their lines / seats / connections
--   customers               distinct customers holding the plan
--   upgraded_subscriptions  subscriptions on the plan that had an upgrade at some point up to then
--
-- Определения (конец месяца в часовом поясе компании; см. marts.plan_mix_monthly):
--   subscriptions           подписки на тарифе на конец месяца
--   share                   subscriptions / все подписки на конец месяца (тарифы в сумме дают 100 %)
--   quantity                их линии / места / подключения
--   customers               число разных клиентов с этим тарифом
--   upgraded_subscriptions  подписки на тарифе, у которых к этому моменту хотя бы раз было повышение тарифа
with

params as (select $1::date as from_month, $2::date as to_month, $3::varchar as segment, $4::varchar as region),

plans as (
  select m.month, m.plan_code, any_value(m.plan_name) as plan_name, any_value(m.family) as family, any_value(m.tier) as tier,
    sum(m.subscriptions) as subscriptions, sum(m.quantity) as quantity, sum(m.customers) as customers,
    sum(m.upgraded_subscriptions) as upgraded_subscriptions
  from marts.plan_mix_monthly m, params p
  where m.month >= p.from_month and m.month <= p.to_month
    and (p.segment is null or m.segment = p.segment) and (p.region is null or m.region = p.region)
  group by m.month, m.plan_code
)

select strftime(month, '%Y-%m') as month, plan_code, plan_name, family, tier,
  subscriptions::bigint as subscriptions,
  (subscriptions / sum(subscriptions) over (partition by month))::double as share,
  quantity::bigint as quantity, customers::bigint as customers, upgraded_subscriptions::bigint as upgraded_subscriptions
from plans
order by month, family, tier, plan_code
