-- grain: one row per subscription version in the billing source that passed the contract checks
-- source: raw.subscription_versions, less staging.contract_violations
-- materialized: view
-- Local columns are wall-clock times in the business time zone (meta.settings); the raw columns stay UTC.
select
  r.*,
  timezone(s.business_timezone, r.valid_from) as valid_from_local,
  timezone(s.business_timezone, r.valid_to) as valid_to_local
from raw.subscription_versions r
cross join meta.settings s
where r.id not in (select row_id from staging.contract_violations where table_name = 'subscription_versions')
