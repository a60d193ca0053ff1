-- grain: one row per ISO weekday (1 Monday … 7 Sunday) × local hour (0–23) with usage in the period
-- source: marts.usage_weekday_hour_monthly
-- parameters: $1 service, $2 unit, $3 first month (date, day 1), $4 last month (date, day 1, included),
--             $5 segment or NULL for all, $6 region or NULL for all
--
-- Definitions (local weekday and hour in the business time zone):
--   quantity  usage in hourly buckets that started in that weekday and hour within the period
--   share     quantity / all hourly-bucket usage of the period (the cells add up to 100 %)
-- Daily buckets (bucket_hours = 24) have no hour of day and are left out here; their share of the
-- period's usage is shown beside the heatmap (sql/queries/usage_monthly.sql, daily_quantity).
--
-- Определения (местные день недели и час в часовом поясе компании):
--   quantity  потребление в часовых интервалах, начавшихся в этот день недели и час в пределах периода
--   share     quantity / всё потребление периода в часовых интервалах (ячейки в сумме дают 100 %)
-- Суточные интервалы (bucket_hours = 24) не привязаны к часу суток и здесь не учитываются; их доля в
-- потреблении периода показана рядом с тепловой картой (sql/queries/usage_monthly.sql, daily_quantity).
with

params as (
  select $1::varchar as service, $2::varchar as unit, $3::date as from_month, $4::date as to_month,
    $5::varchar as segment, $6::varchar as region
),

cells as (
  select u.iso_weekday, u.local_hour, sum(u.quantity) as quantity
  from marts.usage_weekday_hour_monthly u, params p
  where u.service = p.service and u.unit = p.unit and u.month >= p.from_month and u.month <= p.to_month
    and (p.segment is null or u.segment = p.segment) and (p.region is null or u.region = p.region)
  group by u.iso_weekday, u.local_hour
)

select iso_weekday, local_hour, quantity::varchar as quantity,
  (quantity / sum(quantity) over ())::double as share
from cells
order by iso_weekday, local_hour
