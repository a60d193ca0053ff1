-- MRR, its movement bridge and retention: one row per period × currency × group
-- source: sql/queries/mrr_customer_movements.sql, included in parentheses where the marker mrr_customer_movements in double braces stands (its parameters $1–$5 are this query's too)
-- Parameters: $1–$5 as mrr_customer_movements; $6 group: 'none' | 'segment' | 'region' | 'plan';
--             $7 period: 'month' | 'quarter' | 'year'; $8 from, $9 to: DATE, first days of the first and last period shown;
--             $10 currency, $11 segment, $12 region, $13 plan code: filters, null for all;
--             $14 lookback BOOLEAN: true reads the twelve months before the first period as well (what
--             ltv and the first period's change columns are computed from); false skips them, for a
--             caller that reads neither (the overview's MRR cards and bridge): ltv and those change
--             columns are then null, every other column is the same as with true.
--
-- A period's MRR, ARR and customers are those at the close of its last month (to_date: that close
-- is still ahead, so the figures are as of the last sync); its movements are the
-- sums over its months, so opening_mrr + new + reactivation + expansion − contraction − churn = mrr
-- exactly. opening_mrr is the MRR at the close of the month before the period.
--
-- Definitions (the /retention page shows these, read from this header):
--   logo_churn_rate        Customers lost in the period (counted at the opening close, not at the period's end) / customers at the opening close.
--   revenue_churn_rate     (churn + contraction) / opening MRR: gross MRR churn.
--   net_revenue_churn_rate  (churn + contraction − expansion) / opening MRR; negative when expansion outgrows losses.
--   grr                    Gross revenue retention: (opening MRR − churn − contraction) / opening MRR; new and reactivated customers and expansion excluded.
--   nrr                    Net revenue retention: (opening MRR − churn − contraction + expansion) / opening MRR.
--   grr_12m                Trailing twelve-month GRR at the period's last close: for customers with MRR twelve months earlier, the sum of the smaller of their MRR then and now / their MRR then.
--   nrr_12m                Trailing twelve-month NRR: the same customers' MRR now / their MRR twelve months earlier.
--   arpu                   Average revenue per paying customer: MRR / customers with MRR above zero at the close, rounded to the minor unit.
--   ltv                    Customer lifetime value = ARPU / monthly logo churn rate, the churn rate taken over the twelve months ending with the period (customers lost / customers at the month openings, summed); null without churn. No cost data, so no gross margin factor.
--   change                 change_mrr, change_customers, change_arpu: against the previous period of the same currency and group: (this − previous) / previous; null when previous is zero.
-- Rates are fractions (0.05 = 5 %); money is in minor units of `currency`, never added across currencies.
--
-- Определения (их показывает страница /retention, читая из этого заголовка):
--   logo_churn_rate        Клиенты, потерянные за период (считаются по начальному закрытию, а не на конец периода) / клиенты на начальном закрытии.
--   revenue_churn_rate     (churn + contraction) / начальный MRR: валовой отток MRR.
--   net_revenue_churn_rate  (churn + contraction − expansion) / начальный MRR; отрицательный, когда расширение превышает потери.
--   grr                    Валовое удержание выручки: (начальный MRR − churn − contraction) / начальный MRR; новые и вернувшиеся клиенты и расширение не учитываются.
--   nrr                    Чистое удержание выручки: (начальный MRR − churn − contraction + expansion) / начальный MRR.
--   grr_12m                GRR за скользящие двенадцать месяцев на последнем закрытии периода: по клиентам, у которых был MRR двенадцатью месяцами раньше, сумма меньшего из их MRR тогда и сейчас / их MRR тогда.
--   nrr_12m                NRR за скользящие двенадцать месяцев: MRR тех же клиентов сейчас / их MRR двенадцатью месяцами раньше.
--   arpu                   Средняя выручка на платящего клиента: MRR / клиенты с MRR больше нуля на закрытии, с округлением до минимальной единицы валюты.
--   ltv                    Пожизненная ценность клиента = ARPU / ежемесячный коэффициент оттока клиентов, взятый за двенадцать месяцев, заканчивающихся периодом (потерянные клиенты / клиенты на начало месяцев, суммарно); null, если оттока нет. Данных о затратах нет, поэтому без поправки на валовую маржу.
--   change                 change_mrr, change_customers, change_arpu: относительно предыдущего периода той же валюты и группы: (текущее − предыдущее) / предыдущее; null, если предыдущее равно нулю.
-- Коэффициенты — доли (0.05 = 5 %); деньги — в минимальных единицах `currency`, между валютами никогда не складываются.
with

-- not materialized: the look for earlier rows below reads only month, currency and the group of these rows
movements as not materialized (
  select
    *,
    case $6::VARCHAR when 'segment' then segment when 'region' then region when 'plan' then plan_code else '' end as group_key
  from (
    select * from {{mrr_customer_movements}}
  )
  -- twelve months before the first period: the previous period to compare with and the LTV's trailing
  -- year; after the last period's first month only the rest of that period
  where month between $8::DATE - interval 12 month
                  and $9::DATE + case $7::VARCHAR when 'year' then interval 11 month when 'quarter' then interval 2 month else interval 0 month end
    and ($10::VARCHAR is null or currency = $10)
    and ($11::VARCHAR is null or segment = $11)
    and ($12::VARCHAR is null or region = $12)
    and ($13::VARCHAR is null or plan_code = $13)
),

-- the rows the figures are summed from: without $14 not those of the twelve months before the first period
shown as (
  select * from movements where $14::BOOLEAN or month >= $8::DATE
),

-- first by kind and customer flags (few groups), so each row feeds six sums instead of nineteen
classes as (
  select
    month, currency, group_key, kind, is_customer, was_customer, mrr_minor > 0 as paying, mrr_12_before_minor > 0 as had_mrr_12_before,
    count(*) as customers,
    sum(mrr_minor) as mrr_minor,
    sum(prev_mrr_minor) as prev_mrr_minor,
    sum(usage_minor) as usage_minor,
    sum(mrr_12_before_minor) as mrr_12_before_minor,
    sum(least(mrr_minor, mrr_12_before_minor)) as retained_12_gross_minor
  from shown
  group by all
),

monthly as (
  select
    month, currency, group_key,
    sum(mrr_minor) as mrr_minor,
    sum(prev_mrr_minor) as opening_mrr_minor,
    coalesce(sum(mrr_minor) filter (where kind = 'new'), 0) as new_minor,
    coalesce(sum(mrr_minor) filter (where kind = 'reactivation'), 0) as reactivation_minor,
    coalesce(sum(mrr_minor - prev_mrr_minor) filter (where kind = 'expansion'), 0) as expansion_minor,
    coalesce(sum(prev_mrr_minor - mrr_minor) filter (where kind = 'contraction'), 0) as contraction_minor,
    coalesce(sum(prev_mrr_minor) filter (where kind = 'churn'), 0) as churn_minor,
    sum(usage_minor) as usage_minor,
    coalesce(sum(customers) filter (where is_customer), 0) as customers,
    coalesce(sum(customers) filter (where was_customer), 0) as opening_customers,
    coalesce(sum(customers) filter (where paying), 0) as paying_customers,
    coalesce(sum(customers) filter (where kind = 'new'), 0) as new_customers,
    coalesce(sum(customers) filter (where kind = 'reactivation'), 0) as reactivated_customers,
    coalesce(sum(customers) filter (where was_customer and not is_customer), 0) as churned_customers,
    sum(mrr_12_before_minor) as mrr_12_before_minor,
    sum(retained_12_gross_minor) as retained_12_gross_minor,
    coalesce(sum(mrr_minor) filter (where had_mrr_12_before), 0) as retained_12_net_minor
  from classes
  group by all
),

-- each currency and group's first month among the months read, the twelve before the first period
-- included, so $14 changes no row shown. Without $14 those twelve months are only looked at for whether
-- a group has rows there (its rows shown then start with the first period); for one group (no breakdown,
-- one currency) whether any row is there, which stops at the first
first_months as (
  select currency, group_key, min(first_month) as first_month
  from (
    select currency, group_key, min(month) as first_month from monthly group by all
    union all
    select distinct currency, group_key, $8::DATE - interval 1 month from movements
    where not $14::BOOLEAN and month < $8::DATE and not ($6::VARCHAR = 'none' and $10::VARCHAR is not null)
    union all
    select $10::VARCHAR, '', $8::DATE - interval 1 month
    where not $14::BOOLEAN and $6::VARCHAR = 'none' and $10::VARCHAR is not null and exists (select 1 from movements where month < $8::DATE)
  )
  group by all
),

-- a currency and group keeps a row (zeros) for every month after its first, even with no customers left
dense_monthly as (
  select
    k.month, k.currency, k.group_key,
    coalesce(m.mrr_minor, 0) as mrr_minor, coalesce(m.opening_mrr_minor, 0) as opening_mrr_minor,
    coalesce(m.new_minor, 0) as new_minor, coalesce(m.reactivation_minor, 0) as reactivation_minor,
    coalesce(m.expansion_minor, 0) as expansion_minor, coalesce(m.contraction_minor, 0) as contraction_minor,
    coalesce(m.churn_minor, 0) as churn_minor, coalesce(m.usage_minor, 0) as usage_minor,
    coalesce(m.customers, 0) as customers, coalesce(m.opening_customers, 0) as opening_customers,
    coalesce(m.paying_customers, 0) as paying_customers, coalesce(m.new_customers, 0) as new_customers,
    coalesce(m.reactivated_customers, 0) as reactivated_customers, coalesce(m.churned_customers, 0) as churned_customers,
    coalesce(m.mrr_12_before_minor, 0) as mrr_12_before_minor, coalesce(m.retained_12_gross_minor, 0) as retained_12_gross_minor,
    coalesce(m.retained_12_net_minor, 0) as retained_12_net_minor
  from (
    select c.month, g.currency, g.group_key
    from first_months g
    join intermediate.int_mrr_month_closes c on c.month >= g.first_month and ($14::BOOLEAN or c.month >= $8::DATE)
      and c.month <= $9::DATE + interval 11 month
  ) k
  left join monthly m using (month, currency, group_key)
),

monthly_12m as (
  select
    *,
    sum(churned_customers) over t as churned_customers_12m,
    sum(opening_customers) over t as opening_customers_12m
  from dense_monthly
  window t as (partition by currency, group_key order by month range between interval 11 month preceding and current row)
),

periods as (
  select
    case $7::VARCHAR when 'quarter' then date_trunc('quarter', month) when 'year' then date_trunc('year', month) else month end::DATE as period,
    *
  from monthly_12m
),

period_totals as (
  select
    period, currency, group_key,
    min(month) as first_month, max(month) as last_month, count(*)::INTEGER as months,
    arg_min(opening_mrr_minor, month) as opening_mrr_minor,
    arg_max(mrr_minor, month) as mrr_minor,
    sum(new_minor) as new_minor, sum(reactivation_minor) as reactivation_minor, sum(expansion_minor) as expansion_minor,
    sum(contraction_minor) as contraction_minor, sum(churn_minor) as churn_minor,
    arg_max(usage_minor, month) as usage_minor,
    arg_min(opening_customers, month) as opening_customers,
    arg_max(customers, month) as customers,
    arg_max(paying_customers, month) as paying_customers,
    sum(new_customers)::BIGINT as new_customers, sum(reactivated_customers)::BIGINT as reactivated_customers,
    sum(churned_customers)::BIGINT as churned_customers,
    arg_max(mrr_12_before_minor, month) as mrr_12_before_minor,
    arg_max(retained_12_gross_minor, month) as retained_12_gross_minor,
    arg_max(retained_12_net_minor, month) as retained_12_net_minor,
    arg_max(churned_customers_12m, month) as churned_customers_12m,
    arg_max(opening_customers_12m, month) as opening_customers_12m
  from periods
  group by all
),

rated as (
  select
    *,
    mrr_minor * 12 as arr_minor,
    new_minor + reactivation_minor + expansion_minor - contraction_minor - churn_minor as net_change_minor,
    case when opening_customers > 0 then churned_customers / opening_customers end as logo_churn_rate,
    case when opening_mrr_minor > 0 then (churn_minor + contraction_minor)::DOUBLE / opening_mrr_minor::DOUBLE end as revenue_churn_rate,
    case when opening_mrr_minor > 0 then (churn_minor + contraction_minor - expansion_minor)::DOUBLE / opening_mrr_minor::DOUBLE end as net_revenue_churn_rate,
    case when opening_mrr_minor > 0 then (opening_mrr_minor - churn_minor - contraction_minor)::DOUBLE / opening_mrr_minor::DOUBLE end as grr,
    case when opening_mrr_minor > 0 then (opening_mrr_minor - churn_minor - contraction_minor + expansion_minor)::DOUBLE / opening_mrr_minor::DOUBLE end as nrr,
    case when mrr_12_before_minor > 0 then retained_12_gross_minor::DOUBLE / mrr_12_before_minor::DOUBLE end as grr_12m,
    case when mrr_12_before_minor > 0 then retained_12_net_minor::DOUBLE / mrr_12_before_minor::DOUBLE end as nrr_12m,
    case when paying_customers > 0 then round(mrr_minor::DECIMAL(38, 6) / paying_customers)::HUGEINT end as arpu_minor
  from period_totals
),

valued as (
  select
    *,
    case when $14::BOOLEAN and paying_customers > 0 and churned_customers_12m > 0
      then round(arpu_minor::DECIMAL(38, 6) * opening_customers_12m / churned_customers_12m)::HUGEINT end as ltv_minor
  from rated
),

compared as (
select
  period, currency, group_key, first_month, last_month, months,
  coalesce(last_month >= (select min(month) from intermediate.int_mrr_month_closes where close_at > current_timestamp), false) as to_date,
  opening_mrr_minor, new_minor, reactivation_minor, expansion_minor, contraction_minor, churn_minor, net_change_minor,
  mrr_minor, arr_minor, usage_minor,
  opening_customers, new_customers, reactivated_customers, churned_customers, customers, paying_customers,
  logo_churn_rate, revenue_churn_rate, net_revenue_churn_rate, grr, nrr, grr_12m, nrr_12m, arpu_minor, ltv_minor,
  case when lag(mrr_minor) over p > 0 then (mrr_minor - lag(mrr_minor) over p)::DOUBLE / (lag(mrr_minor) over p)::DOUBLE end as change_mrr,
  case when lag(customers) over p > 0 then (customers - lag(customers) over p) / lag(customers) over p end as change_customers,
  case when lag(arpu_minor) over p > 0 then (arpu_minor - lag(arpu_minor) over p)::DOUBLE / (lag(arpu_minor) over p)::DOUBLE end as change_arpu
from valued
window p as (partition by currency, group_key order by period)
)

select * from compared
where period between $8::DATE and $9::DATE
order by currency, group_key, period
