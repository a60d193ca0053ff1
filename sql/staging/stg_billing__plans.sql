-- grain: one row per plan in the billing source that passed the contract checks
-- source: raw.plans, less staging.contract_violations
-- materialized: view
-- Local columns are wall-clock times in the business time zone (meta.settings); the raw columns stay UTC.
select
  r.*
from raw.plans r
cross join meta.settings s
where r.id not in (select row_id from staging.contract_violations where table_name = 'plans')
