-- grain: one row per invoice line in the billing source that passed the contract checks
-- source: raw.invoice_lines, less staging.contract_violations
-- materialized: view
-- Local columns are wall-clock times in the business time zone (meta.settings); the raw columns stay UTC.
select
  r.*
from raw.invoice_lines r
cross join meta.settings s
where r.id not in (select row_id from staging.contract_violations where table_name = 'invoice_lines')
