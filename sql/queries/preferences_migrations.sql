-- grain: one row per (from plan, to plan) pair with moves in the period
-- source: marts.plan_migrations
-- parameters: $1 first month (date, day 1), $2 last month (date, day 1, included),
--             $3 segment or NULL for all, $4 region or NULL for all
--
-- Definitions (months of the event in the business time zone; see marts.plan_migrations):
--   from_plan_code  plan before the move; NULL: the subscription started (new or reactivated)
--   to_plan_code    plan after the move; NULL: the subscription ended
--   subscriptions   moves from → to in the period (a subscription moving twice counts twice)
--   upgrades, downgrades  of those, the ones the billing system labelled upgrade / downgrade
--   reactivations   starts labelled reactivation
--
-- Определения (месяц события в часовом поясе компании; см. marts.plan_migrations):
--   from_plan_code  тариф до перехода; NULL: подписка началась (новая или возобновлённая)
--   to_plan_code    тариф после перехода; NULL: подписка закончилась
--   subscriptions   переходы «откуда → куда» за период (подписка, сменившая тариф дважды, считается дважды)
--   upgrades, downgrades  из них те, что биллинговая система отметила как повышение / понижение тарифа
--   reactivations   начала подписок, отмеченные как возобновление
select m.from_plan_code, m.to_plan_code,
  count(*)::bigint as subscriptions,
  count(*) filter (where m.change_kind = 'upgrade')::bigint as upgrades,
  count(*) filter (where m.change_kind = 'downgrade')::bigint as downgrades,
  count(*) filter (where m.change_kind = 'reactivation')::bigint as reactivations
from marts.plan_migrations m
where m.month >= $1::date and m.month <= $2::date
  and ($3::varchar is null or m.segment = $3::varchar) and ($4::varchar is null or m.region = $4::varchar)
group by m.from_plan_code, m.to_plan_code
order by m.from_plan_code nulls first, m.to_plan_code nulls last
