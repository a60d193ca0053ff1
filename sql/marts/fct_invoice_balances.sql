-- grain: one row per receivable invoice (finalized: open, paid, uncollectible or void)
-- source: marts.fct_invoice_balance_changes, staging invoices and customers
--
-- Everything an as-of query needs about an invoice, in one table:
--   open_minor  open balance now (after every change the warehouse knows)
--   closed_at   when the balance last reached zero, if it is zero now; null while open. An as-of
--               query before closed_at must sum the invoice's changes; after it, the invoice owes
--               nothing — so as-of queries skip most paid invoices without summing them.
--   issued_on, due_on  local dates in the business time zone
with

balances as (
  select
    invoice_id,
    sum(amount_minor) as open_minor,
    case when sum(amount_minor) = 0 then max(changed_at) end as closed_at
  from marts.fct_invoice_balance_changes
  group by invoice_id
)

select
  i.id as invoice_id, i.number, i.status, i.customer_id, c.name as customer_name, c.segment, c.region, i.currency,
  i.issued_at, i.due_at, i.voided_at, i.issued_local::DATE as issued_on, i.due_local::DATE as due_on, i.total_minor,
  b.open_minor::BIGINT as open_minor, b.closed_at
from balances b
join staging.stg_billing__invoices i on i.id = b.invoice_id
join staging.stg_billing__customers c on c.id = i.customer_id
