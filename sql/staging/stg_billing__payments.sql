-- grain: one row per payment in the billing source that passed the contract checks
-- source: raw.payments, less staging.contract_violations
-- materialized: view
-- Local columns are wall-clock times in the business time zone (meta.settings); the raw columns stay UTC.
select
  r.*,
  timezone(s.business_timezone, r.received_at) as received_local,
  timezone(s.business_timezone, r.refunded_at) as refunded_local
from raw.payments r
cross join meta.settings s
where r.id not in (select row_id from staging.contract_violations where table_name = 'payments')
