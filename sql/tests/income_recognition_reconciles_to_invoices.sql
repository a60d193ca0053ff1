-- Over all months, recognised revenue equals the finalized invoices' subtotals, and the invoiced
-- line kinds add up to the finalized invoices' lines, per currency, to the minor unit.
-- A test returns the rows that fail it; none means it passes.
with mart as (
  select currency,
    sum(recognised_minor) as recognised,
    sum(recurring_minor + usage_minor + one_off_minor + discounts_minor + late_fees_minor) as line_kinds
  from marts.income_statement_monthly group by currency
),
invoices as (
  select currency, sum(subtotal_minor) as subtotal
  from staging.stg_billing__invoices where status in ('open', 'paid', 'uncollectible') group by currency
),
lines as (
  select i.currency, sum(l.amount_minor) as lines
  from staging.stg_billing__invoice_lines l join staging.stg_billing__invoices i on i.id = l.invoice_id
  where i.status in ('open', 'paid', 'uncollectible') and l.kind in ('recurring', 'usage', 'one_off', 'discount', 'late_fee')
  group by i.currency
)
select coalesce(m.currency, i.currency) as currency, m.recognised, i.subtotal, m.line_kinds, l.lines
from mart m full join invoices i using (currency) left join lines l using (currency)
where m.recognised is distinct from i.subtotal or coalesce(m.line_kinds, 0) is distinct from coalesce(l.lines, 0)
