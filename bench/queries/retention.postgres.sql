-- Retention straight from the billing tables, on PostgreSQL: what `npm run bench -- dashboards`
-- compares GET /api/v1/retention with (default settings). One row per month × currency.
-- Parameters: $1 business time zone, $2 first month, $3 last month (DATE, first days).
-- Same definitions as sql/queries/mrr_periods.sql: logo churn = customers lost / customers at the
-- opening close; revenue churn = (churn + contraction) / opening MRR; GRR, NRR over the month;
-- GRR and NRR over twelve months per customer against its MRR twelve closes earlier.
with

months as (
  select m::date as month, ((m + interval '1 month')::timestamp at time zone $1) as close_at
  from generate_series($2::date - interval '12 month', $3::date, interval '1 month') m
),

customer_mrr as (
  select mo.month, s.customer_id, v.currency, sum(round(v.price_minor::numeric / p.billing_period_months)) as mrr
  from months mo
  join billing.subscription_versions v on v.valid_from <= mo.close_at and (v.valid_to is null or v.valid_to > mo.close_at)
  join billing.subscriptions s on s.id = v.subscription_id
  join billing.plans p on p.id = v.plan_id
  where not coalesce(s.trial_ends_at > mo.close_at, false)
  group by 1, 2, 3
),

now_and_before as (
  select
    mo.month, k.customer_id, k.currency,
    coalesce(c.mrr, 0) as mrr, coalesce(p.mrr, 0) as prev, coalesce(y.mrr, 0) as year_before
  from months mo
  join (select distinct customer_id, currency from customer_mrr) k on true
  left join customer_mrr c on c.customer_id = k.customer_id and c.currency = k.currency and c.month = mo.month
  left join customer_mrr p on p.customer_id = k.customer_id and p.currency = k.currency and p.month = (mo.month - interval '1 month')::date
  left join customer_mrr y on y.customer_id = k.customer_id and y.currency = k.currency and y.month = (mo.month - interval '12 month')::date
  where mo.month between $2::date and $3::date and (c.mrr > 0 or p.mrr > 0 or y.mrr > 0)
),

monthly as (
  select
    month, currency,
    count(*) filter (where prev > 0) as opening_customers,
    count(*) filter (where prev > 0 and mrr = 0) as churned_customers,
    sum(prev) as opening_mrr,
    sum(prev) filter (where prev > 0 and mrr = 0) as churn,
    sum(prev - mrr) filter (where mrr > 0 and mrr < prev) as contraction,
    sum(mrr - prev) filter (where prev > 0 and mrr > prev) as expansion,
    sum(year_before) as year_before,
    sum(least(mrr, year_before)) filter (where year_before > 0) as retained_gross,
    sum(mrr) filter (where year_before > 0) as retained_net
  from now_and_before
  group by 1, 2
)

select
  month, currency, opening_customers, churned_customers,
  churned_customers::float8 / nullif(opening_customers, 0) as logo_churn_rate,
  (coalesce(churn, 0) + coalesce(contraction, 0))::float8 / nullif(opening_mrr, 0) as revenue_churn_rate,
  (opening_mrr - coalesce(churn, 0) - coalesce(contraction, 0))::float8 / nullif(opening_mrr, 0) as grr,
  (opening_mrr - coalesce(churn, 0) - coalesce(contraction, 0) + coalesce(expansion, 0))::float8 / nullif(opening_mrr, 0) as nrr,
  retained_gross::float8 / nullif(year_before, 0) as grr_12m,
  retained_net::float8 / nullif(year_before, 0) as nrr_12m
from monthly
order by 2, 1
