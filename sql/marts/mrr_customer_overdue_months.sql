-- grain: one row per customer × currency × month in which the customer owes an overdue invoice at the month's close
-- source: marts.fct_invoice_balance_changes, staging invoices, intermediate.int_mrr_month_closes
--
-- max_days_past_due  at the close of the month (close_at), over the customer's invoices in that
--                    currency with an open balance then (the sum of their balance changes before
--                    close_at is above zero): the largest month_end − due date (due date in the
--                    business time zone), counting only invoices at least one day past due.
-- Past due is a customer state, not a subscription's: the contract's invoices belong to a customer
-- and one invoice may bill several subscriptions (subscription_id is optional).
with

closes as (select month, month_end, close_at from intermediate.int_mrr_month_closes),

changes as (
  select invoice_id, customer_id, currency, changed_at, source_id, amount_minor
  from marts.fct_invoice_balance_changes
),

due_dates as (select id as invoice_id, due_local::date as due_on from staging.stg_billing__invoices),

-- the open balance after each change holds until the next change of the same invoice
balance_steps as (
  select
    invoice_id, customer_id, currency, changed_at,
    sum(amount_minor) over (partition by invoice_id order by changed_at, source_id rows between unbounded preceding and current row) as balance_minor,
    lead(changed_at) over (partition by invoice_id order by changed_at, source_id) as next_changed_at
  from changes
),

open_at_close as (
  select c.month, c.month_end, b.invoice_id, b.customer_id, b.currency
  from balance_steps b
  join closes c on c.close_at > b.changed_at and (b.next_changed_at is null or c.close_at <= b.next_changed_at)
  where b.balance_minor > 0
)

select
  o.month, o.customer_id, o.currency,
  max(o.month_end - d.due_on)::integer as max_days_past_due,
  count(*)::integer as overdue_invoices
from open_at_close o
join due_dates d using (invoice_id)
where o.month_end > d.due_on
group by o.month, o.customer_id, o.currency
