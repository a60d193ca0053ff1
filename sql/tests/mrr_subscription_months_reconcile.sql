-- The subscription × month MRR mart reconciles to the subscription versions: at every month close,
-- the versions in force (valid_from <= close < valid_to, staging) and the mart agree on the count
-- and the sum of price_minor per currency, and mrr_minor is the price / billing months within half a minor unit.
with
closes as (select month, close_at from intermediate.int_mrr_month_closes),
source as (
  select c.month, v.currency, count(*) as versions, sum(v.price_minor) as price
  from staging.stg_billing__subscription_versions v
  join closes c on v.valid_from <= c.close_at and (v.valid_to is null or v.valid_to > c.close_at)
  join staging.stg_billing__subscriptions s on s.id = v.subscription_id
  join staging.stg_billing__customers cu on cu.id = s.customer_id
  group by all
),
mart as (
  select month, currency, count(*) as versions, sum(price_minor) as price,
    max(abs(mrr_minor - price_minor::DECIMAL(38, 6) / billing_period_months)) as worst_rounding
  from marts.mrr_subscription_months group by all
)
select coalesce(s.month, m.month) as month, coalesce(s.currency, m.currency) as currency, s.versions, m.versions as mart_versions, s.price, m.price as mart_price, m.worst_rounding
from source s
full join mart m using (month, currency)
where s.versions is distinct from m.versions or s.price is distinct from m.price or m.worst_rounding > 0.5
