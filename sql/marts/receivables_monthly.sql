-- grain: one row per month × segment × region × currency (month in the business time zone)
-- source: marts.fct_invoice_balance_changes, staging invoices and customers
--
-- Month-end receivables, built from balance changes so that every month end shows what the ledger
-- showed then:
--   ar_total_minor    open balances of all invoices at the end of the month
--   ar_overdue_minor  the part of it on invoices already past due at the end of the month
--   ar_current_minor  ar_total − ar_overdue (not yet due)
--   credit_sales_minor finalized invoices issued in the month (totals incl. tax; voided ones too,
--                     since they were sales until voided and their voiding shows as a change)
-- An event at instant t on an invoice due at d adds to ar_total from the month of t on, and to
-- ar_overdue from the month of max(t, d) on: cumulative sums of monthly changes give both.
with

settings as (select business_timezone as tz from meta.settings),

changes as (
  select
    c.currency, cu.segment, cu.region, c.amount_minor,
    date_trunc('month', timezone(s.tz, c.changed_at))::date as total_month,
    date_trunc('month', timezone(s.tz, greatest(c.changed_at, c.due_at)))::date as overdue_month
  from marts.fct_invoice_balance_changes c
  join staging.stg_billing__customers cu on cu.id = c.customer_id
  cross join settings s
),

sales as (
  select date_trunc('month', i.issued_local)::date as month, cu.segment, cu.region, i.currency, sum(i.total_minor) as credit_sales_minor
  from staging.stg_billing__invoices i
  join staging.stg_billing__customers cu on cu.id = i.customer_id
  where i.status in ('open', 'paid', 'uncollectible', 'void')
  group by all
),

bounds as (
  select min(total_month) as first_month, max(total_month) as last_month from changes
),

months as (
  select unnest(generate_series(b.first_month, b.last_month, interval 1 month))::date as month from bounds b
),

keys as (
  select distinct segment, region, currency from changes
),

total_changes as (
  select total_month as month, segment, region, currency, sum(amount_minor) as change from changes group by all
),

overdue_changes as (
  select overdue_month as month, segment, region, currency, sum(amount_minor) as change from changes group by all
),

monthly as (
  select m.month, k.segment, k.region, k.currency,
    coalesce(t.change, 0) as total_change,
    coalesce(o.change, 0) as overdue_change
  from months m
  cross join keys k
  left join total_changes t on t.month = m.month and t.segment = k.segment and t.region = k.region and t.currency = k.currency
  left join overdue_changes o on o.month = m.month and o.segment = k.segment and o.region = k.region and o.currency = k.currency
)

select
  mo.month, mo.segment, mo.region, mo.currency,
  sum(mo.total_change) over w::bigint as ar_total_minor,
  sum(mo.overdue_change) over w::bigint as ar_overdue_minor,
  (sum(mo.total_change) over w - sum(mo.overdue_change) over w)::bigint as ar_current_minor,
  coalesce(s.credit_sales_minor, 0)::bigint as credit_sales_minor
from monthly mo
left join sales s using (month, segment, region, currency)
window w as (partition by mo.segment, mo.region, mo.currency order by mo.month rows between unbounded preceding and current row)
order by mo.month, mo.segment, mo.region, mo.currency
