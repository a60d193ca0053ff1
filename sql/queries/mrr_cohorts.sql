-- Cohort retention: one row per signup cohort × currency × months since signup
-- source: sql/queries/mrr_customer_movements.sql, included in parentheses where the marker mrr_customer_movements in double braces stands (parameters $1–$5)
-- Parameters: $1–$5 as mrr_customer_movements; $6 from, $7 to: DATE, first days of the first and last cohort month;
--             $8 currency, $9 segment, $10 region, $11 plan code: filters, null for all.
--
-- Definitions (the /retention page shows these, read from this header):
--   cohort              The month of a customer's first MRR in the currency (under the same settings as the MRR figures); with a plan filter, the first MRR month on that plan.
--   age                 Months since the cohort month (0 = the cohort month itself).
--   logo_retention      Customers of the cohort with MRR above zero at the close of the cohort month + age / the cohort's customers. Reactivated customers count again.
--   revenue_retention   The cohort's MRR at the close of the cohort month + age / its MRR at the close of the cohort month: net of expansion and contraction, so it can exceed 1.
--
-- Определения (их показывает страница /retention, читая из этого заголовка):
--   cohort              Месяц первого MRR клиента в этой валюте (при тех же настройках, что и показатели MRR); с фильтром по тарифу — первый месяц с MRR на этом тарифе.
--   age                 Месяцев с месяца когорты (0 — сам месяц когорты).
--   logo_retention      Клиенты когорты с MRR больше нуля на закрытии месяца «когорта + age» / клиенты когорты. Вернувшиеся клиенты снова учитываются.
--   revenue_retention   MRR когорты на закрытии месяца «когорта + age» / её MRR на закрытии месяца когорты: с учётом расширения и сокращения, поэтому может быть больше 1.
with

movements as (
  select * from {{mrr_customer_movements}}
  where first_mrr_month is not null
    and first_mrr_month between $6::DATE and $7::DATE
    and month >= $6::DATE
    and ($8::VARCHAR is null or currency = $8)
    and ($9::VARCHAR is null or segment = $9)
    and ($10::VARCHAR is null or region = $10)
    and ($11::VARCHAR is null or plan_code = $11)
),

cells as (
  select
    first_mrr_month as cohort,
    currency,
    datediff('month', first_mrr_month, month)::INTEGER as age,
    count(*) filter (where mrr_minor > 0)::BIGINT as customers,
    sum(mrr_minor)::HUGEINT as mrr_minor
  from movements
  where month >= first_mrr_month
  group by all
),

-- every age up to the last month, zeros where no customer of the cohort is left
dense_cells as (
  select k.cohort, k.currency, datediff('month', k.cohort, c.month)::INTEGER as age,
    coalesce(x.customers, 0) as customers, coalesce(x.mrr_minor, 0) as mrr_minor
  from (select distinct cohort, currency from cells) k
  join intermediate.int_mrr_month_closes c on c.month >= k.cohort
  left join cells x on x.cohort = k.cohort and x.currency = k.currency and x.age = datediff('month', k.cohort, c.month)
),

sized as (
  select
    *,
    first_value(customers) over c as cohort_customers,
    first_value(mrr_minor) over c as cohort_mrr_minor
  from dense_cells
  window c as (partition by cohort, currency order by age)
)

select
  cohort, currency, age, customers, cohort_customers, mrr_minor, cohort_mrr_minor,
  customers / cohort_customers as logo_retention,
  case when cohort_mrr_minor > 0 then mrr_minor::DOUBLE / cohort_mrr_minor::DOUBLE end as revenue_retention
from sized
order by currency, cohort, age
