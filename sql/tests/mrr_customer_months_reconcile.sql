-- The customer × month MRR mart holds exactly the subscription × month MRR, per month and currency,
-- at both grains (per customer and per customer × plan), and both grains carry the same usage average.
with
subscriptions as (
  select month, currency, sum(mrr_minor) as mrr from marts.mrr_subscription_months group by all
),
customers as (
  select month, currency,
    sum(recurring_minor + trial_minor) filter (where not by_plan) as mrr,
    sum(recurring_minor + trial_minor) filter (where by_plan) as mrr_by_plan,
    sum(usage_minor) filter (where not by_plan) as usage,
    sum(usage_minor) filter (where by_plan) as usage_by_plan
  from marts.mrr_customer_months group by all
)
select coalesce(s.month, c.month) as month, coalesce(s.currency, c.currency) as currency, s.mrr, c.mrr as customer_mrr, c.mrr_by_plan, c.usage, c.usage_by_plan
from subscriptions s
full join customers c using (month, currency)
where coalesce(s.mrr, 0) <> coalesce(c.mrr, 0)
   or coalesce(c.mrr, 0) <> coalesce(c.mrr_by_plan, 0)
   or coalesce(c.usage, 0) <> coalesce(c.usage_by_plan, 0)
