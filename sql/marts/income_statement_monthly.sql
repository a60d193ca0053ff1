-- grain: one row per month × segment × region × currency (month in the business time zone)
-- source: staging invoice lines, invoices and credit notes; int_invoice_lines_recognised
--
-- The lines of the income statement that marts.revenue_monthly does not already define (invoiced,
-- collected, refunds and credit notes come from there, so each figure has one definition):
--   recurring_minor   Recurring charges (subscription fees) on finalized invoices, before tax and
--                     before discounts, by month issued.
--   usage_minor       Usage charges (metered overage and pay-as-you-go), same basis.
--   one_off_minor     One-off charges (installation, equipment), same basis.
--   discounts_minor   Discount lines, same basis; negative (a discount reduces revenue).
--   late_fees_minor   Late-fee (пеня) lines, same basis: income from customers who paid late.
--   recognised_minor  Revenue recognised in the month: every line's amount before tax spread by day
--                     over its service period (see int_invoice_lines_recognised). Over all months it
--                     sums to the invoices' subtotals exactly.
--   write_offs_minor  Credit notes issued with reason write_off (bad debt written off), by month issued;
--                     included in revenue_monthly.credit_notes_minor.
-- recurring + usage + one_off + discounts + late_fees (+ lines of other kinds) = the invoices'
-- subtotals = revenue_monthly.invoiced_net_minor for invoices that have lines.
-- Amounts are integer minor units of `currency`; currencies are never summed together.
with

customers as (
  select id, segment, region from staging.stg_billing__customers
),

invoiced_lines as (
  select date_trunc('month', i.issued_local)::date as month, i.customer_id, i.currency,
    sum(l.amount_minor) filter (where l.kind = 'recurring') as recurring_minor,
    sum(l.amount_minor) filter (where l.kind = 'usage') as usage_minor,
    sum(l.amount_minor) filter (where l.kind = 'one_off') as one_off_minor,
    sum(l.amount_minor) filter (where l.kind = 'discount') as discounts_minor,
    sum(l.amount_minor) filter (where l.kind = 'late_fee') as late_fees_minor,
    0::bigint as recognised_minor,
    0::bigint as write_offs_minor
  from staging.stg_billing__invoice_lines l
  join staging.stg_billing__invoices i on i.id = l.invoice_id
  where i.status in ('open', 'paid', 'uncollectible')
  group by all
),

recognised as (
  select month, customer_id, currency,
    0, 0, 0, 0, 0,
    sum(recognised_minor), 0
  from intermediate.int_invoice_lines_recognised
  group by all
),

written_off as (
  select date_trunc('month', n.issued_local)::date as month, n.customer_id, n.currency,
    0, 0, 0, 0, 0, 0,
    sum(n.amount_minor)
  from staging.stg_billing__credit_notes n
  where n.status = 'issued' and n.reason = 'write_off'
  group by all
),

by_customer as (
  select * from invoiced_lines
  union all select * from recognised
  union all select * from written_off
)

select b.month, c.segment, c.region, b.currency,
  coalesce(sum(b.recurring_minor), 0)::bigint as recurring_minor,
  coalesce(sum(b.usage_minor), 0)::bigint as usage_minor,
  coalesce(sum(b.one_off_minor), 0)::bigint as one_off_minor,
  coalesce(sum(b.discounts_minor), 0)::bigint as discounts_minor,
  coalesce(sum(b.late_fees_minor), 0)::bigint as late_fees_minor,
  coalesce(sum(b.recognised_minor), 0)::bigint as recognised_minor,
  coalesce(sum(b.write_offs_minor), 0)::bigint as write_offs_minor
from by_customer b
join customers c on c.id = b.customer_id
group by all
