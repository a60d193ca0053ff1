-- The mart's invoiced figures equal the finalized staging invoices, per currency, to the minor unit.
-- A test returns the rows that fail it; none means it passes.
with mart as (
  select currency, sum(invoiced_minor) as invoiced, sum(invoice_count) as invoices
  from marts.revenue_monthly group by currency
),
source as (
  select currency, sum(total_minor) as invoiced, count(*) as invoices
  from staging.stg_billing__invoices where status in ('open', 'paid', 'uncollectible') group by currency
)
select coalesce(m.currency, s.currency) as currency, m.invoiced as mart_invoiced, s.invoiced as staging_invoiced
from mart m full join source s using (currency)
-- a currency with payments but no finalized invoices has mart rows of zero and no staging rows: equal
where coalesce(m.invoiced, 0) <> coalesce(s.invoiced, 0) or coalesce(m.invoices, 0) <> coalesce(s.invoices, 0)
