-- grain: one row per invoice line (or line-less invoice) × calendar month of its service period
-- source: staging invoice lines and invoices (finalized invoices only: open, paid, uncollectible)
--
-- Revenue recognition, straight-line by day over the service period:
--   * A line is recognised over its own period (period_start … period_end, both inclusive); a line
--     without one uses its invoice's service period; without either, the day the invoice was issued
--     (business time zone). A period that ends before it starts counts as its start day alone.
--   * Month k receives round(amount × days of the period up to the end of month k ÷ days in the
--     period) minus what the months before it received. Cumulative rounding means each line's months
--     add up to its amount exactly, to the minor unit, with at most one minor unit of rounding per month.
--   * An invoice without lines (the contract allows it) is recognised as one line of its subtotal.
--   * Amounts are before tax (tax is not revenue); discount lines are negative and reduce revenue
--     over the same period.
-- Calendar months are the business time zone's: service periods are already local calendar dates.
with

invoices as (
  select id, customer_id, currency, subtotal_minor, service_period_start, service_period_end,
    cast(issued_local as date) as issued_day
  from staging.stg_billing__invoices
  where status in ('open', 'paid', 'uncollectible')
),

lines as (
  select l.id as line_id, i.id as invoice_id, i.customer_id, i.currency, l.kind, l.amount_minor,
    coalesce(l.period_start, i.service_period_start, i.issued_day) as start_day,
    coalesce(l.period_end, i.service_period_end, i.issued_day) as end_day
  from staging.stg_billing__invoice_lines l
  join invoices i on i.id = l.invoice_id
),

lineless_invoices as (
  select 'invoice:' || i.id as line_id, i.id as invoice_id, i.customer_id, i.currency, 'invoice' as kind, i.subtotal_minor as amount_minor,
    coalesce(i.service_period_start, i.issued_day) as start_day,
    coalesce(i.service_period_end, i.issued_day) as end_day
  from invoices i
  where not exists (select 1 from staging.stg_billing__invoice_lines l where l.invoice_id = i.id)
),

spans as (
  select line_id, invoice_id, customer_id, currency, kind, amount_minor, start_day,
    greatest(end_day, start_day) as end_day,
    datediff('day', start_day, greatest(end_day, start_day)) + 1 as total_days
  from (select * from lines union all select * from lineless_invoices)
),

months as (
  select s.*, cast(m.month as date) as month
  from spans s,
    unnest(generate_series(date_trunc('month', s.start_day), date_trunc('month', s.end_day), interval 1 month)) as m(month)
),

cumulative as (
  select *,
    datediff('day', start_day, least(end_day, cast(month + interval 1 month - interval 1 day as date))) + 1 as days_through,
  from months
),

rounded as (
  -- round half away from zero of amount × days_through / total_days, in integers
  select *,
    sign(amount_minor) * ((abs(amount_minor) * days_through * 2 + total_days) // (2 * total_days)) as recognised_through
  from cumulative
)

select line_id, invoice_id, customer_id, currency, kind, month,
  recognised_through - coalesce(lag(recognised_through) over (partition by line_id order by month), 0) as recognised_minor
from rounded
