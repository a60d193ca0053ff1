-- grain: one row per customer at the latest cut-off of marts.churn_features_monthly
-- source: marts.churn_features_monthly
-- parameters: none
-- The rows the churn model scores after a sync: every customer with a running subscription at the
-- start of the current month (business time zone), with the features as of that instant.
select f.*
from marts.churn_features_monthly f
where f.cutoff_at = (select max(cutoff_at) from marts.churn_features_monthly)
order by f.customer_id
