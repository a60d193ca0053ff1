-- grain: one row per customer with overdue debt at the end of the as-of day
-- source: `aging` = sql/queries/aging_invoices.sql for the same as-of date, basis due_date, buckets '0'
--         (the caller puts it in front as a CTE), marts.fct_invoice_balances
-- parameters: $1 as-of date (business time zone)
--
-- Priority score, 0–100, higher is worked first:
--   40 × min(1, days past due of the oldest overdue invoice / 90)
-- + 35 × min(1, overdue amount / average monthly billing / 3)   (months of billing overdue; currency-free;
--        billing = invoices issued in the 12 months before, unless voided by then, per month billed)
-- + 25 × late share: of the customer's invoices (unless voided by then) due in the 12 months before the as-of date, the
--        share paid after their due date or still unpaid
-- The churn-risk score joins this later (issue 6).
with

params as (select $1::DATE as as_of),

cutoff as (
  select as_of, end_of_day, end_of_day - interval 365 day as start_12m -- once here, not per invoice row (time zone arithmetic is slow)
  from (select p.as_of, timezone(s.business_timezone, (p.as_of + 1)::TIMESTAMP) as end_of_day from params p cross join meta.settings s)
),

overdue as materialized (
  select customer_id, any_value(customer_name) as customer_name, any_value(segment) as segment, any_value(region) as region,
    currency,
    sum(open_minor) filter (where age_days > 0) as overdue_minor,
    sum(open_minor) as open_minor,
    max(age_days) as max_days_past_due,
    count(*) filter (where age_days > 0) as overdue_invoices,
    min(due_on) filter (where age_days > 0) as oldest_due_on
  from aging
  group by customer_id, currency
  having sum(open_minor) filter (where age_days > 0) > 0
),

-- months_billed = the number of distinct months (of issued_on) billed in the 12 months: the window spans at most
-- 14 of them, so each sets one bit of a 64-bit mask (month offset from the as-of month, + 1) and the bits are counted
-- (much cheaper than count(distinct)). The first condition of the WHERE only narrows the rows early: local days
-- 400 days before the as-of date are well outside the 365-day window whatever the time zones.
history as (
  select b.customer_id,
    sum(b.total_minor) filter (where b.issued_at >= k.start_12m) as billed_12m,
    coalesce(bit_count(bit_or(case when b.issued_at >= k.start_12m
      then 1::UBIGINT << (12 * (year(k.as_of) - year(b.issued_on)) + month(k.as_of) - month(b.issued_on) + 1) end)), 0)::BIGINT as months_billed,
    count(*) filter (where b.due_at >= k.start_12m and b.due_at < k.end_of_day) as due_12m,
    count(*) filter (where b.due_at >= k.start_12m and b.due_at < k.end_of_day
                       and (b.closed_at is null or b.closed_at >= k.end_of_day or b.closed_at > b.due_at)) as late_12m
  from marts.fct_invoice_balances b
  semi join overdue o using (customer_id)
  cross join cutoff k
  where (b.issued_on >= $1::DATE - 400 or b.due_on >= $1::DATE - 400) and b.issued_on <= $1::DATE + 1
    and b.issued_at < k.end_of_day and (b.voided_at is null or b.voided_at >= k.end_of_day)
  group by b.customer_id
),

scored as (
  select o.*,
    coalesce(h.billed_12m, 0) / greatest(coalesce(h.months_billed, 0), 1) as avg_monthly_billed,
    case when coalesce(h.due_12m, 0) = 0 then 0 else h.late_12m / h.due_12m end as late_share
  from overdue o left join history h using (customer_id)
)

select
  customer_id, customer_name, segment, region, currency,
  overdue_minor::BIGINT as overdue_minor, open_minor::BIGINT as open_minor, overdue_invoices, oldest_due_on, max_days_past_due,
  round(late_share, 3) as late_share,
  round(
    40 * least(1, max_days_past_due / 90)
    + 35 * least(1, case when avg_monthly_billed > 0 then overdue_minor / avg_monthly_billed / 3 else 1 end)
    + 25 * late_share, 1) as priority_score
from scored
