-- grain: one row per customer in the billing source that passed the contract checks
-- source: raw.customers, less staging.contract_violations
-- materialized: view
-- Local columns are wall-clock times in the business time zone (meta.settings); the raw columns stay UTC.
select
  r.*,
  timezone(s.business_timezone, r.created_at) as created_local,
  timezone(s.business_timezone, r.closed_at) as closed_local
from raw.customers r
cross join meta.settings s
where r.id not in (select row_id from staging.contract_violations where table_name = 'customers')
