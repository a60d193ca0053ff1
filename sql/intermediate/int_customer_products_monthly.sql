-- grain: one row per customer × local month in which the customer held a subscription at some moment
-- source: intermediate.int_subscription_versions_enriched, intermediate.int_report_months
--
-- What each customer held, month by month (business time zone):
--   subscriptions_at_end  subscriptions held at the end of the month (see marts.plan_mix_monthly);
--                         0 when everything ended during the month
--   families_at_end       distinct product families among them
--   combination           their families in alphabetical order joined with ' + ', one entry per
--                         subscription ('home + mobile', 'mobile + mobile'); '(none at month end)' when 0
with

months as (
  select month, next_month_start from intermediate.int_report_months
),

versions as (
  select subscription_id, customer_id, segment, region, family, valid_from_local, valid_to_local
  from intermediate.int_subscription_versions_enriched
),

in_service_during_month as (
  select distinct m.month, v.customer_id, v.segment, v.region
  from months m
  join versions v on v.valid_from_local < m.next_month_start
    and (v.valid_to_local is null or v.valid_to_local > m.month::timestamp)
),

held_at_month_end as (
  select m.month, v.customer_id, count(*) as subscriptions, count(distinct v.family) as families,
    string_agg(v.family, ' + ' order by v.family) as combination
  from months m
  join versions v on v.valid_from_local < m.next_month_start
    and (v.valid_to_local is null or v.valid_to_local >= m.next_month_start)
  group by m.month, v.customer_id
)

select
  d.month, d.customer_id, d.segment, d.region,
  coalesce(h.subscriptions, 0)::integer as subscriptions_at_end,
  coalesce(h.families, 0)::integer as families_at_end,
  coalesce(h.combination, '(none at month end)') as combination
from in_service_during_month d
left join held_at_month_end h using (month, customer_id)
