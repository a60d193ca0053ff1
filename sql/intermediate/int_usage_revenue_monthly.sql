-- grain: one row per customer × currency × month with usage revenue (month of issue, business time zone)
-- source: staging invoice lines and invoices
--
-- usage_minor  usage invoice lines (kind 'usage', amount before tax) on finalized invoices (open,
--              paid or uncollectible; drafts and voided invoices excluded), by the month the invoice
--              was issued. Issue month, not service period: the figure is known at the month's close
--              and does not change when a later month's usage is billed.
select
  i.customer_id,
  i.currency,
  date_trunc('month', i.issued_local)::date as month,
  sum(l.amount_minor)::bigint as usage_minor
from staging.stg_billing__invoice_lines l
join staging.stg_billing__invoices i on i.id = l.invoice_id
where l.kind = 'usage' and i.status in ('open', 'paid', 'uncollectible')
group by all
