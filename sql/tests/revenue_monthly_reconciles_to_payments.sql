-- Collected, refunds and credit notes in the mart equal staging payments and credit notes, per currency.
with mart as (
  select currency, sum(collected_minor) as collected, sum(refunds_minor) as refunds, sum(credit_notes_minor) as credited
  from marts.revenue_monthly group by currency
),
payments as (
  select currency, sum(amount_minor) as collected, sum(refunded_minor) as refunds
  from staging.stg_billing__payments where status in ('succeeded', 'refunded', 'charged_back') group by currency
),
credit_notes as (
  select currency, sum(amount_minor) as credited from staging.stg_billing__credit_notes where status = 'issued' group by currency
),
source as (
  select coalesce(p.currency, c.currency) as currency, coalesce(p.collected, 0) as collected, coalesce(p.refunds, 0) as refunds, coalesce(c.credited, 0) as credited
  from payments p full join credit_notes c using (currency)
)
select coalesce(m.currency, s.currency) as currency, m.collected, s.collected as staging_collected, m.refunds, s.refunds as staging_refunds, m.credited, s.credited as staging_credited
from mart m full join source s using (currency)
where coalesce(m.collected, 0) <> coalesce(s.collected, 0)
   or coalesce(m.refunds, 0) <> coalesce(s.refunds, 0)
   or coalesce(m.credited, 0) <> coalesce(s.credited, 0)
