-- grain: one row per payment allocation in the billing source that passed the contract checks
-- source: raw.payment_allocations, less staging.contract_violations
-- materialized: view
-- Local columns are wall-clock times in the business time zone (meta.settings); the raw columns stay UTC.
select
  r.*,
  timezone(s.business_timezone, r.allocated_at) as allocated_local
from raw.payment_allocations r
cross join meta.settings s
where r.id not in (select row_id from staging.contract_violations where table_name = 'payment_allocations')
