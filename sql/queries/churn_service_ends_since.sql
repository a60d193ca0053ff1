-- grain: one row per moment a customer's service stopped, since an instant
-- source: intermediate.int_customer_service_ends
-- parameters: $1 since (timestamptz)
-- Retention bonus outcomes: a customer "churned" within a bonus's observation window when a row
-- here falls inside it (the same event as the churn model's label).
select customer_id, service_ended_at
from intermediate.int_customer_service_ends
where service_ended_at >= $1::TIMESTAMPTZ
order by customer_id, service_ended_at
