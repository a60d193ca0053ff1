-- grain: one row per local month of the period that has usage
-- source: marts.usage_daily
-- parameters: $1 service, $2 unit, $3 first month (date, day 1), $4 last month (date, day 1, included),
--             $5 segment or NULL for all, $6 region or NULL for all
--
-- Definitions (months in the business time zone):
--   quantity         all usage of the month, hourly and daily buckets
--   hourly_quantity  the part metered in hourly buckets (what the heatmap and peak hours show)
--   daily_quantity   the part metered in daily buckets (no hour of day; left out of hour-of-day figures)
--   records          usage records
-- The month-of-year pattern lays these months side by side by year; the comparison with a year
-- earlier runs the same query twelve months back.
--
-- Определения (месяцы в часовом поясе компании):
--   quantity         всё потребление за месяц, часовые и суточные интервалы
--   hourly_quantity  часть, учтённая часовыми интервалами (её показывают тепловая карта и пиковые часы)
--   daily_quantity   часть, учтённая суточными интервалами (без часа суток; не входит в показатели по часам)
--   records          записи о потреблении
-- Профиль по месяцам года раскладывает эти месяцы рядом по годам; сравнение с прошлым годом
-- выполняет тот же запрос на двенадцать месяцев раньше.
with

params as (
  select $1::varchar as service, $2::varchar as unit, $3::date as from_month, $4::date as to_month,
    $5::varchar as segment, $6::varchar as region
)

select
  strftime(date_trunc('month', u.local_date), '%Y-%m') as month,
  sum(u.quantity)::varchar as quantity,
  sum(u.hourly_quantity)::varchar as hourly_quantity,
  sum(u.daily_quantity)::varchar as daily_quantity,
  sum(u.records)::bigint as records
from marts.usage_daily u, params p
where u.service = p.service and u.unit = p.unit
  and u.local_date >= p.from_month and u.local_date < p.to_month + interval 1 month
  and (p.segment is null or u.segment = p.segment) and (p.region is null or u.region = p.region)
group by 1
order by 1
