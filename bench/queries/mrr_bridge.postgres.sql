-- The MRR bridge straight from the billing tables, on PostgreSQL: what `npm run bench -- dashboards`
-- compares GET /api/v1/mrr/monthly with (default settings: past-due churn off, usage not in MRR,
-- trials excluded until converted, free plans not customers). One row per month × currency.
-- Parameters: $1 business time zone (e.g. 'Europe/Moscow'), $2 first month, $3 last month (DATE, first days).
-- Same definitions as sql/queries/mrr_customer_movements.sql: MRR at each month's close (00:00 on the
-- 1st of the next month, business time zone), price / billing months rounded half away from zero per
-- subscription, movements per customer × currency; "new" is the customer's first close with MRR, so
-- the closes are computed from the first subscription version on.
with

months as (
  select m::date as month, ((m + interval '1 month')::timestamp at time zone $1) as close_at
  from generate_series(
    (select date_trunc('month', min(valid_from) at time zone $1) from billing.subscription_versions),
    $3::date, interval '1 month') m
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

first_mrr as (
  select customer_id, currency, min(month) as first_month from customer_mrr where mrr > 0 group by 1, 2
),

pairs as (
  select
    coalesce(c.month, (p.month + interval '1 month')::date) as month,
    coalesce(c.customer_id, p.customer_id) as customer_id,
    coalesce(c.currency, p.currency) as currency,
    coalesce(c.mrr, 0) as mrr,
    coalesce(p.mrr, 0) as prev
  from customer_mrr c
  full join customer_mrr p on p.customer_id = c.customer_id and p.currency = c.currency and p.month = (c.month - interval '1 month')::date
),

classified as (
  select
    x.*,
    case
      when x.prev = 0 and x.mrr > 0 and x.month <= f.first_month then 'new'
      when x.prev = 0 and x.mrr > 0 then 'reactivation'
      when x.prev > 0 and x.mrr = 0 then 'churn'
      when x.mrr > x.prev then 'expansion'
      when x.mrr < x.prev then 'contraction'
    end as kind
  from pairs x
  left join first_mrr f using (customer_id, currency)
  where x.month between $2::date and $3::date
)

select
  month, currency,
  sum(prev) as opening_mrr_minor,
  sum(mrr) filter (where kind = 'new') as new_minor,
  sum(mrr) filter (where kind = 'reactivation') as reactivation_minor,
  sum(mrr - prev) filter (where kind = 'expansion') as expansion_minor,
  sum(prev - mrr) filter (where kind = 'contraction') as contraction_minor,
  sum(prev) filter (where kind = 'churn') as churn_minor,
  sum(mrr) as mrr_minor,
  count(*) filter (where mrr > 0) as customers
from classified
group by 1, 2
order by 2, 1
