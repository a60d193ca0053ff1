-- grain: one row per event that changes an invoice's open balance
-- source: staging invoices, payment allocations and credit notes
-- indexes: invoice_id (the case page reads one customer's invoices' changes by id)
--
-- Open balance of an invoice at any instant T = sum of amount_minor of its events with changed_at <= T,
-- in the invoice's currency, exact to the minor unit. Events:
--   issued        +total             at issued_at (finalized invoices: open, paid, uncollectible, void)
--   payment       −allocated amount  at allocated_at (when the payment was applied, not when received)
--   credit_note   −credit note       at the credit note's issued_at (status issued; write-offs included)
--   voided        −what was still open at voided_at, so a void invoice is open until it was voided
-- Drafts are never receivable. Known limitation: a billing system that deletes an allocation
-- (chargeback) rewrites history; the contract has no reversal date for it.
with

invoices as (
  select i.id, i.customer_id, i.currency, i.status, i.issued_at, i.due_at, i.voided_at, i.total_minor
  from staging.stg_billing__invoices i
  where i.status in ('open', 'paid', 'uncollectible', 'void')
),

issued as (
  select id as invoice_id, 'issued' as kind, issued_at as changed_at, total_minor as amount_minor, id as source_id from invoices
),

payments as (
  select a.invoice_id, 'payment' as kind, a.allocated_at as changed_at, -a.amount_minor as amount_minor, a.id as source_id
  from staging.stg_billing__payment_allocations a
  join invoices i on i.id = a.invoice_id
),

credit_notes as (
  select n.invoice_id, 'credit_note' as kind, n.issued_at as changed_at, -n.amount_minor as amount_minor, n.id as source_id
  from staging.stg_billing__credit_notes n
  join invoices i on i.id = n.invoice_id
  where n.status = 'issued'
),

settled_before_void as (
  select i.id as invoice_id, i.voided_at, i.total_minor + coalesce(sum(e.amount_minor), 0) as open_at_void
  from invoices i
  left join (select * from payments union all select * from credit_notes) e on e.invoice_id = i.id and e.changed_at <= i.voided_at
  where i.status = 'void' and i.voided_at is not null
  group by i.id, i.voided_at, i.total_minor
),

voided as (
  select invoice_id, 'voided' as kind, voided_at as changed_at, -open_at_void as amount_minor, invoice_id as source_id
  from settled_before_void where open_at_void <> 0
),

events as (
  select * from issued
  union all select * from payments
  union all select * from credit_notes
  union all select * from voided
)

select
  e.invoice_id, e.kind, e.source_id, e.changed_at, e.amount_minor,
  i.customer_id, i.currency, i.issued_at, i.due_at
from events e
join invoices i on i.id = e.invoice_id
-- stored in time order: as-of queries read only the changes after their cutoff (zone maps skip the rest)
order by e.changed_at
