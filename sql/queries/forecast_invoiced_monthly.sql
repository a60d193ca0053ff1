-- grain: one row per month × currency × segment with invoices, before the cut-off month
-- source: marts.revenue_monthly (invoiced_minor: see its header — finalized invoice totals incl. tax,
--         by month issued in the business time zone)
-- parameters:
--   $1  first day of the first month NOT included ('YYYY-MM-01'): the current, incomplete month
--
-- The history the invoiced-revenue forecasts are fitted on. Regions are summed within a segment and
-- currency; currencies are never summed together. The all-segments series is the sum over segments,
-- built by the caller from these rows so that the two always agree.
with

revenue as (
  select month, currency, segment, invoiced_minor from marts.revenue_monthly
),

complete_months as (
  select * from revenue where month < $1::date
)

select strftime(month, '%Y-%m-%d') as month, currency, segment, sum(invoiced_minor)::bigint as invoiced_minor
from complete_months
group by all
