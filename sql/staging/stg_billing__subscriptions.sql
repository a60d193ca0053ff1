-- grain: one row per subscription in the billing source that passed the contract checks
-- source: raw.subscriptions, less staging.contract_violations
-- materialized: view
-- Local columns are wall-clock times in the business time zone (meta.settings); the raw columns stay UTC.
select
  r.*,
  timezone(s.business_timezone, r.started_at) as started_local,
  timezone(s.business_timezone, r.ended_at) as ended_local
from raw.subscriptions r
cross join meta.settings s
where r.id not in (select row_id from staging.contract_violations where table_name = 'subscriptions')
