-- grain: one row per invoice with an open balance at the end of the as-of day (business time zone)
-- source: marts.fct_invoice_balance_changes, staging invoices and customers
-- parameters:
--   $1  as-of date (a day in the business time zone; balances at the end of that day)
--   $2  age basis: 'due_date' (days past due) or 'invoice_date' (days since issue)
--   $3  bucket upper bounds in days, ascending, comma-separated, e.g. '0,30,60,90,120':
--       bucket 0 holds age <= 0 ("current"), bucket i holds bound[i-1] < age <= bound[i], the last
--       bucket holds age > the last bound.
--
-- Open balance as of the day = total − allocations applied − credit notes issued up to the end of
-- that day (− what was open when voided, for voided invoices): what the ledger showed then.
with

params as (
  select
    $1::DATE as as_of,
    $2::VARCHAR as basis,
    [trim(b)::INTEGER for b in string_split($3::VARCHAR, ',')] as bounds
),

cutoff as (
  select p.*, timezone(s.business_timezone, (p.as_of + 1)::TIMESTAMP) as end_of_day
  from params p cross join meta.settings s
),

balances as (
  select c.invoice_id, sum(c.amount_minor) as open_minor
  from marts.fct_invoice_balance_changes c, cutoff k
  where c.at < k.end_of_day
  group by c.invoice_id
  having sum(c.amount_minor) <> 0
),

aged as (
  select
    b.invoice_id, i.number, i.customer_id, cu.name as customer_name, cu.segment, cu.region, i.currency,
    i.issued_local::DATE as issued_on, i.due_local::DATE as due_on, b.open_minor,
    date_diff('day', case when k.basis = 'invoice_date' then i.issued_local::DATE else i.due_local::DATE end, k.as_of) as age_days,
    k.bounds
  from balances b
  join staging.stg_billing__invoices i on i.id = b.invoice_id
  join staging.stg_billing__customers cu on cu.id = i.customer_id
  cross join cutoff k
)

select
  invoice_id, number, customer_id, customer_name, segment, region, currency, issued_on, due_on, open_minor, age_days,
  len([b for b in bounds if b < age_days]) as bucket
from aged
