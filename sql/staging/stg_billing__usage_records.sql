-- grain: one row per usage record (hourly or daily bucket) in the billing source that passed the contract checks
-- source: raw.usage_records, less staging.contract_violations
-- materialized: view
-- Local columns are wall-clock times in the business time zone (meta.settings); the raw columns stay UTC.
select
  r.*,
  timezone(s.business_timezone, r.bucket_start) as bucket_start_local
from raw.usage_records r
cross join meta.settings s
where r.id not in (select row_id from staging.contract_violations where table_name = 'usage_records')
