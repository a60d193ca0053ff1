-- grain: one row per day of the month (1–31)
-- source: marts.usage_daily
-- parameters: $1 service, $2 unit, $3 first month (date, day 1), $4 last month (date, day 1, included),
--             $5 segment or NULL for all, $6 region or NULL for all
--
-- Definitions (local dates in the business time zone; hourly and daily buckets alike):
--   quantity      usage on that day of the month, summed over the period's months
--   months        months of the period that have the day (day 31 exists in 7 months of 12)
--   mean_per_day  quantity / months: the average usage on that day of the month, so days 29–31
--                 are not understated by the months that lack them
--
-- Определения (местные даты в часовом поясе компании; часовые и суточные интервалы учитываются одинаково):
--   quantity      потребление в этот день месяца, суммарно по месяцам периода
--   months        месяцы периода, в которых есть этот день (31-е число есть в 7 месяцах из 12)
--   mean_per_day  quantity / months: среднее потребление в этот день месяца, чтобы 29–31 числа
--                 не занижались из-за месяцев, в которых их нет
with

params as (
  select $1::varchar as service, $2::varchar as unit, $3::date as from_month, $4::date as to_month,
    $5::varchar as segment, $6::varchar as region
),

calendar as (
  select day(d)::integer as day_of_month, count(*)::integer as months
  from params p, unnest(generate_series(p.from_month, p.to_month + interval 1 month - interval 1 day, interval 1 day)) as t(d)
  group by 1
),

usage as (
  select day(u.local_date)::integer as day_of_month, sum(u.quantity) as quantity
  from marts.usage_daily u, params p
  where u.service = p.service and u.unit = p.unit
    and u.local_date >= p.from_month and u.local_date < p.to_month + interval 1 month
    and (p.segment is null or u.segment = p.segment) and (p.region is null or u.region = p.region)
  group by 1
)

select c.day_of_month, c.months, coalesce(u.quantity, 0)::decimal(38, 3)::varchar as quantity,
  (coalesce(u.quantity, 0) / c.months)::double as mean_per_day
from calendar c
left join usage u using (day_of_month)
order by c.day_of_month
