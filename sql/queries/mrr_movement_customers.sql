-- The customers behind a figure of the MRR bridge: one row per customer (× plan when by plan) × month with a movement
-- source: sql/queries/mrr_customer_movements.sql, included in parentheses where the marker mrr_customer_movements in double braces stands
--         (parameters $1–$5), staging customers for the name
-- Parameters: $1–$5 as mrr_customer_movements; $6 from, $7 to: DATE, first days of the first and last month;
--             $8 currency (required); $9 kind (null: every kind); $10 segment, $11 region, $12 plan code: filters, null for all;
--             $13 limit, $14 offset.
-- delta_minor = mrr − previous MRR: summed over the rows it equals the bridge figure (negative for
-- contraction and churn). total_rows and total_delta_minor are over every matching row, before paging.
with

movements as (
  select * from {{mrr_customer_movements}}
  where month between $6::DATE and $7::DATE
    and currency = $8::VARCHAR
    and kind is not null
    and ($9::VARCHAR is null or kind = $9)
    and ($10::VARCHAR is null or segment = $10)
    and ($11::VARCHAR is null or region = $11)
    and ($12::VARCHAR is null or plan_code = $12)
),

named as (
  select m.*, c.name as customer_name, (m.mrr_minor - m.prev_mrr_minor)::BIGINT as delta_minor
  from movements m
  join staging.stg_billing__customers c on c.id = m.customer_id
)

select
  month, customer_id, customer_name, segment, region, plan_code, currency, kind,
  prev_mrr_minor, mrr_minor, delta_minor, usage_minor, trial_minor, max_days_past_due, past_due_churned,
  count(*) over () as total_rows,
  sum(delta_minor) over ()::HUGEINT as total_delta_minor
from named
order by abs(delta_minor) desc, month, customer_id, plan_code
limit $13 offset $14
