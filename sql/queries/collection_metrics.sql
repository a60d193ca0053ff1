-- grain: one row per month (business time zone) for one currency and an optional segment / region
-- source: marts.receivables_monthly
-- parameters: $1 currency (required: currencies are never summed), $2 segment or NULL for all,
--             $3 region or NULL for all, $4 CEI variant: 'period_sales' or 'average_monthly_sales'
--
-- Definitions (days of a month = its calendar days; "sales" = credit sales, finalized invoices
-- issued in the month incl. tax; AR = open balances at the end of the month):
--   dso_standard        AR / sales of the month × days of the month
--   dso_countback       how many days of the most recent sales the AR covers: walk back month by
--                       month, taking whole months while AR exceeds their sales, then the fraction
--                       of the month where it runs out (null when AR exceeds all recorded sales)
--   best_possible_dso   current (not yet due) AR / sales of the month × days of the month
--   add_days            average days delinquent = dso_standard − best_possible_dso
--   pct_current         current AR / AR × 100
--   cei                 collection effectiveness index over the three months ending with the month:
--                       (AR at the start + sales − AR at the end) / (AR at the start + sales − current AR at the end) × 100,
--                       where "sales" is the three months' sales ('period_sales', Credit Research
--                       Foundation's form) or their monthly average ('average_monthly_sales', the form
--                       many spreadsheet templates use); 100 means everything collectible was collected.
-- Credit notes reduce AR like collections do.
-- Определения (дни месяца — его календарные дни; «продажи» — продажи в кредит, то есть проведённые счета,
-- выставленные в месяце, включая налог; ДЗ — открытые остатки на конец месяца):
--   dso_standard        ДЗ / продажи месяца × дни месяца
--   dso_countback       сколько дней последних продаж покрывает ДЗ: идём назад месяц за месяцем,
--                       берём целые месяцы, пока ДЗ больше их продаж, затем долю месяца, на которой
--                       она заканчивается (null, если ДЗ больше всех учтённых продаж)
--   best_possible_dso   непросроченная ДЗ (срок оплаты не наступил) / продажи месяца × дни месяца
--   add_days            средние дни просрочки = dso_standard − best_possible_dso
--   pct_current         непросроченная ДЗ / ДЗ × 100
--   cei                 индекс эффективности взыскания за три месяца, заканчивающиеся данным месяцем:
--                       (ДЗ на начало + продажи − ДЗ на конец) / (ДЗ на начало + продажи − непросроченная ДЗ на конец) × 100,
--                       где «продажи» — продажи за три месяца ('period_sales', форма Credit Research
--                       Foundation) или их среднемесячное значение ('average_monthly_sales', форма многих
--                       табличных шаблонов); 100 означает, что взыскано всё, что можно было взыскать.
-- Кредит-ноты уменьшают ДЗ так же, как поступившие оплаты.
with

params as (select $1::VARCHAR as currency, $2::VARCHAR as segment, $3::VARCHAR as region, $4::VARCHAR as cei_variant),

monthly as (
  select r.month,
    sum(r.ar_total_minor) as ar, sum(r.ar_current_minor) as ar_current, sum(r.ar_overdue_minor) as ar_overdue,
    sum(r.credit_sales_minor) as sales,
    date_diff('day', r.month, r.month + interval 1 month) as days
  from marts.receivables_monthly r, params p
  where r.currency = p.currency and (p.segment is null or r.segment = p.segment) and (p.region is null or r.region = p.region)
  group by r.month
),

countback_steps as (
  select m.month, b.month as back_month, m.ar, b.sales, b.days,
    sum(b.sales) over (partition by m.month order by b.month desc rows between unbounded preceding and current row) as sales_through
  from monthly m join monthly b on b.month <= m.month
),

countback as (
  select month,
    sum(case
          when sales_through <= ar then days
          when sales_through - sales < ar then (ar - (sales_through - sales)) / sales * days
          else 0 end) as days,
    max(sales_through) >= max(ar) as covered
  from countback_steps group by month
),

rolling as (
  select m.*,
    lag(m.ar, 3) over (order by m.month) as ar_start,
    sum(m.sales) over (order by m.month rows between 2 preceding and current row) as sales_3m,
    count(*) over (order by m.month rows between 2 preceding and current row) as months_in_window
  from monthly m
)

select
  r.month, p.currency,
  r.ar::BIGINT as ar_minor, r.ar_current::BIGINT as ar_current_minor, r.ar_overdue::BIGINT as ar_overdue_minor, r.sales::BIGINT as credit_sales_minor,
  case when r.sales > 0 then round(r.ar / r.sales * r.days, 1) end as dso_standard,
  case when c.covered then round(c.days, 1) end as dso_countback,
  case when r.sales > 0 then round(r.ar_current / r.sales * r.days, 1) end as best_possible_dso,
  case when r.sales > 0 then round((r.ar - r.ar_current) / r.sales * r.days, 1) end as add_days,
  case when r.ar > 0 then round(r.ar_current / r.ar * 100, 1) end as pct_current,
  case when r.months_in_window = 3 and r.ar_start is not null then
    round(
      (r.ar_start + (case when p.cei_variant = 'average_monthly_sales' then r.sales_3m / 3 else r.sales_3m end) - r.ar)
      / nullif(r.ar_start + (case when p.cei_variant = 'average_monthly_sales' then r.sales_3m / 3 else r.sales_3m end) - r.ar_current, 0) * 100, 1)
  end as cei
from rolling r
join countback c using (month)
cross join params p
order by r.month
