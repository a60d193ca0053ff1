-- The churn feature mart has one row per customer and cut-off, and no feature reads past its cut-off.
select customer_id, cutoff_at, count(*) as rows
from marts.churn_features_monthly
group by customer_id, cutoff_at
having count(*) > 1
