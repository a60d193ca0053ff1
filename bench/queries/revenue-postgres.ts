/**
 * The revenue, income-statement and overview pages' figures computed straight from the billing
 * tables in Postgres, for the dashboards benchmark's "same queries on Postgres" column. They follow
 * the definitions in sql/marts/revenue_monthly.sql and income_statement_monthly.sql (no quarantine:
 * the billing DB has no notion of it). Parameters: $1 currency, $2 business time zone, $3/$4 the
 * first day of the first month and of the month after the last, as dates.
 */
export const POSTGRES_REVENUE_MONTHLY = `
with inv as (
  select date_trunc('month', issued_at at time zone $2) as month, count(*) as invoices, sum(total_minor) as invoiced,
    sum(subtotal_minor) as invoiced_net, sum(tax_minor) as tax
  from billing.invoices
  where currency = $1 and status in ('open', 'paid', 'uncollectible')
    and issued_at >= ($3::date::timestamp at time zone $2) and issued_at < ($4::date::timestamp at time zone $2)
  group by 1
), pay as (
  select date_trunc('month', received_at at time zone $2) as month, count(*) as payments, sum(amount_minor) as collected
  from billing.payments
  where currency = $1 and status in ('succeeded', 'refunded', 'charged_back')
    and received_at >= ($3::date::timestamp at time zone $2) and received_at < ($4::date::timestamp at time zone $2)
  group by 1
), ref as (
  select date_trunc('month', refunded_at at time zone $2) as month, sum(refunded_minor) as refunds
  from billing.payments
  where currency = $1 and refunded_minor > 0 and status in ('succeeded', 'refunded', 'charged_back')
    and refunded_at >= ($3::date::timestamp at time zone $2) and refunded_at < ($4::date::timestamp at time zone $2)
  group by 1
), cn as (
  select date_trunc('month', issued_at at time zone $2) as month, sum(amount_minor) as credit_notes
  from billing.credit_notes
  where currency = $1 and status = 'issued'
    and issued_at >= ($3::date::timestamp at time zone $2) and issued_at < ($4::date::timestamp at time zone $2)
  group by 1
)
select month, invoices, invoiced, invoiced_net, tax, payments, collected, refunds, credit_notes
from inv full join pay using (month) full join ref using (month) full join cn using (month)
order by month`;

/** Lines by kind in the month issued, and every line recognised by day over its period, up to $4. */
export const POSTGRES_INCOME_STATEMENT = `
with inv as (
  select id, subtotal_minor, service_period_start, service_period_end, (issued_at at time zone $2)::date as issued_day
  from billing.invoices where currency = $1 and status in ('open', 'paid', 'uncollectible')
), lines as (
  select l.id as line_id, l.kind, l.amount_minor, i.issued_day,
    coalesce(l.period_start, i.service_period_start, i.issued_day) as start_day,
    greatest(coalesce(l.period_end, i.service_period_end, i.issued_day), coalesce(l.period_start, i.service_period_start, i.issued_day)) as end_day
  from billing.invoice_lines l join inv i on i.id = l.invoice_id
), by_kind as (
  select date_trunc('month', issued_day) as month,
    sum(amount_minor) filter (where kind = 'recurring') as recurring, sum(amount_minor) filter (where kind = 'usage') as usage,
    sum(amount_minor) filter (where kind = 'one_off') as one_off, sum(amount_minor) filter (where kind = 'discount') as discounts,
    sum(amount_minor) filter (where kind = 'late_fee') as late_fees
  from lines where issued_day >= $3::date and issued_day < $4::date group by 1
), spread as (
  select m.month, l.amount_minor, (l.end_day - l.start_day + 1) as total_days,
    (least(l.end_day, (m.month + interval '1 month' - interval '1 day')::date) - l.start_day + 1) as days_through
    , l.line_id
  from lines l, generate_series(date_trunc('month', l.start_day), date_trunc('month', l.end_day), interval '1 month') as m(month)
), recognised as (
  select month, sum(through - coalesce(prev, 0)) as recognised from (
    select month, line_id,
      sign(amount_minor) * ((abs(amount_minor) * days_through * 2 + total_days) / (2 * total_days)) as through,
      lag(sign(amount_minor) * ((abs(amount_minor) * days_through * 2 + total_days) / (2 * total_days))) over (partition by line_id order by month) as prev
    from spread
  ) x group by month
)
select month, recurring, usage, one_off, discounts, late_fees, recognised
from by_kind full join recognised using (month)
where month < $4::date
order by month`;
