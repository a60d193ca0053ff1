-- grain: one row per service × unit × local month × ISO weekday × local hour × segment × region
-- source: marts.usage_hourly (hourly buckets only)
--
-- The week's profile, month by month, for the heatmap and peak slots: hourly-bucket usage summed
-- over the days of the month that fall on each weekday (business time zone). Daily buckets have no
-- hour and are not here (see marts.usage_hourly).
--   quantity  hourly-bucket usage that started on that weekday and hour in the month
select
  date_trunc('month', local_date)::date as month, service, unit, iso_weekday, local_hour, segment, region,
  sum(quantity)::decimal(38, 3) as quantity
from marts.usage_hourly
where bucket_hours = 1
group by all
order by month, service, iso_weekday, local_hour
