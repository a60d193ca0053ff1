-- grain: one row per local month × segment × region × combination of product families held at month end
-- source: intermediate.int_customer_products_monthly
--
-- Add-on adoption (business time zone months). Definitions:
--   customers             customers with this combination at the end of the month; the
--                         combination '(none at month end)' holds customers whose subscriptions all
--                         ended during the month, so the sum over combinations = customers in
--                         service at some moment of the month
--   subscriptions         their subscriptions held at the end of the month
--   families_at_end       distinct product families in the combination (from sql/seeds/plan_families.csv)
-- Derived on the page (sql/queries/preferences_addon_adoption.sql):
--   multi-subscription share  customers holding 2+ subscriptions at month end / customers holding 1+
--   add-on share              customers holding 2+ product families (a second subscription of another
--                             family is an add-on, e.g. mobile + home internet) / customers holding 1+
select
  month, segment, region, combination, families_at_end, subscriptions_at_end,
  count(*)::bigint as customers,
  (count(*) * subscriptions_at_end)::bigint as subscriptions
from intermediate.int_customer_products_monthly
group by month, segment, region, combination, families_at_end, subscriptions_at_end
order by month, segment, region, combination
