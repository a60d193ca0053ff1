-- grain: one row per feature cut-off: the first instant of each month (business time zone)
-- source: staging invoices (the span of billing history), meta.settings
--
-- A churn feature row "as of month M" sees only what happened before the cut-off, the first instant
-- of the month after M (local midnight in the business time zone). Cut-offs run from the end of the
-- first month with an invoice to the start of the month of the latest invoice, so they never pass
-- the data the warehouse holds.
with

bounds as (
  select
    date_trunc('month', min(issued_local)) as first_month,
    date_trunc('month', max(issued_local)) as last_cutoff
  from staging.stg_billing__invoices
),

months as (
  select unnest(generate_series(b.first_month + interval 1 month, b.last_cutoff, interval 1 month)) as cutoff_local
  from bounds b
  where b.first_month is not null
)

select
  (m.cutoff_local - interval 1 month)::DATE as as_of_month,
  m.cutoff_local,
  timezone(s.business_timezone, m.cutoff_local) as cutoff_at
from months m
cross join meta.settings s
