-- Nothing is silently dropped: every raw row is either in staging or in the quarantine.
with counts as (
  select 'customers' as table_name, (select count(*) from raw.customers) as raw_rows, (select count(*) from staging.stg_billing__customers) as staged
  union all select 'plans', (select count(*) from raw.plans), (select count(*) from staging.stg_billing__plans)
  union all select 'subscriptions', (select count(*) from raw.subscriptions), (select count(*) from staging.stg_billing__subscriptions)
  union all select 'subscription_versions', (select count(*) from raw.subscription_versions), (select count(*) from staging.stg_billing__subscription_versions)
  union all select 'invoices', (select count(*) from raw.invoices), (select count(*) from staging.stg_billing__invoices)
  union all select 'invoice_lines', (select count(*) from raw.invoice_lines), (select count(*) from staging.stg_billing__invoice_lines)
  union all select 'payments', (select count(*) from raw.payments), (select count(*) from staging.stg_billing__payments)
  union all select 'payment_allocations', (select count(*) from raw.payment_allocations), (select count(*) from staging.stg_billing__payment_allocations)
  union all select 'credit_notes', (select count(*) from raw.credit_notes), (select count(*) from staging.stg_billing__credit_notes)
  union all select 'usage_records', (select count(*) from raw.usage_records), (select count(*) from staging.stg_billing__usage_records)
),
quarantined as (
  -- rows, not distinct ids: a duplicated id quarantines every copy
  select v.table_name, count(*) as rows
  from (select distinct table_name, row_id from staging.contract_violations) v
  group by v.table_name
)
select c.table_name, c.raw_rows, c.staged, coalesce(q.rows, 0) as quarantined
from counts c left join quarantined q using (table_name)
where c.raw_rows <> c.staged + coalesce(q.rows, 0)
  and c.table_name not in (select table_name from staging.contract_violations where rule = 'duplicate_id')
