-- grain: one row per credit note in the billing source that passed the contract checks
-- source: raw.credit_notes, less staging.contract_violations
-- materialized: view
-- Local columns are wall-clock times in the business time zone (meta.settings); the raw columns stay UTC.
select
  r.*,
  timezone(s.business_timezone, r.issued_at) as issued_local
from raw.credit_notes r
cross join meta.settings s
where r.id not in (select row_id from staging.contract_violations where table_name = 'credit_notes')
