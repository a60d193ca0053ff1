-- grain: one row per local hour (date and hour) among the period's busiest, largest first
-- source: marts.usage_hourly
-- parameters: $1 service, $2 unit, $3 first month (date, day 1), $4 last month (date, day 1, included),
--             $5 segment or NULL for all, $6 region or NULL for all, $7 how many hours (1–100)
--
-- Definitions (local date and hour in the business time zone; hourly buckets only, as the heatmap):
--   quantity  usage in hourly buckets that started in that hour
--   share     quantity / all hourly-bucket usage of the period
-- Ties are broken by the earlier hour.
--
-- Определения (местные дата и час в часовом поясе компании; только часовые интервалы, как на тепловой карте):
--   quantity  потребление в часовых интервалах, начавшихся в этот час
--   share     quantity / всё потребление периода в часовых интервалах
-- При равенстве выше стоит более ранний час.
with

params as (
  select $1::varchar as service, $2::varchar as unit, $3::date as from_month, $4::date as to_month,
    $5::varchar as segment, $6::varchar as region, $7::integer as top
),

hours as (
  select u.local_date, u.local_hour, any_value(u.iso_weekday) as iso_weekday, sum(u.quantity) as quantity
  from marts.usage_hourly u, params p
  where u.service = p.service and u.unit = p.unit and u.bucket_hours = 1
    and u.local_date >= p.from_month and u.local_date < p.to_month + interval 1 month
    and (p.segment is null or u.segment = p.segment) and (p.region is null or u.region = p.region)
  group by u.local_date, u.local_hour
),

ranked as (
  select *, quantity / sum(quantity) over () as share,
    row_number() over (order by quantity desc, local_date, local_hour) as rank
  from hours
)

select rank::integer as rank, strftime(local_date, '%Y-%m-%d') as local_date, local_hour, iso_weekday,
  quantity::varchar as quantity, share::double as share
from ranked, params p
where rank <= p.top
order by rank
