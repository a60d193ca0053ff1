-- Month-end receivables equal the invoices' open balances: at the last month, ar_total per currency
-- is the sum of every balance change so far, and no invoice is ever owed less than zero.
with mart as (
  select currency, sum(ar_total_minor) as ar from marts.receivables_monthly
  where month = (select max(month) from marts.receivables_monthly) group by currency
),
ledger as (
  select currency, sum(amount_minor) as ar from marts.fct_invoice_balance_changes group by currency
),
negative as (
  select invoice_id from marts.fct_invoice_balance_changes group by invoice_id having sum(amount_minor) < 0
)
select 'ar_total' as check_name, coalesce(m.currency, l.currency) as currency, m.ar::VARCHAR as mart, l.ar::VARCHAR as ledger
from mart m full join ledger l using (currency) where m.ar is distinct from l.ar
union all
select 'negative_balance', invoice_id, null, null from negative
