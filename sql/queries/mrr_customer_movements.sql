-- MRR movements per customer: one row per customer × currency × month (with $1 = true: per customer × currency × plan × month)
-- source: marts.mrr_customer_months
-- Parameters: $1 by_plan BOOLEAN, $2 past_due_churn_days INTEGER (null: off), $3 usage_in_mrr BOOLEAN,
--             $4 trials_count BOOLEAN, $5 free_plans_count BOOLEAN.
--
-- MRR is taken at each month's close: 00:00 on the 1st of the next month, business time zone.
-- Movements are classified per customer and currency, comparing its MRR at this close with the
-- previous one (a customer who changes currency churns in the old currency and is new, or
-- reactivated, in the new one; amounts in different currencies are never compared or added).
--
-- Definitions (the /mrr and /retention pages show these, read from this header):
--   mrr            Monthly recurring revenue at the close: the subscriptions in force, each price per billing period / months in the period, rounded once to the minor unit (quantities and discounts are in the price); plus the usage average and trial subscriptions when the settings say so; zero while the customer counts as churned for being past due.
--   arr            Annual run rate: MRR × 12.
--   new            MRR of a customer whose MRR goes from zero to above zero at its first close with MRR (past-due churn not considered: a customer already churned for being past due at its first close is reactivated when it pays).
--   reactivation   MRR of a customer whose MRR goes from zero to above zero after having had MRR before.
--   expansion      Increase of MRR of a customer who had MRR at both closes.
--   contraction    Decrease of MRR of a customer who still has MRR at the close.
--   churn          MRR at the previous close of a customer whose MRR falls to zero.
--   net_change     new + reactivation + expansion − contraction − churn = MRR now − MRR at the previous close, exactly.
--   customers      Customers at the close: MRR above zero, or (free plans counted) a zero-price subscription in force; not while churned for being past due.
--   usage          Trailing three-month average of usage invoice lines (before tax, by invoice issue month), rounded to the minor unit.
--
-- Settings (bound parameters; the page shows them beside the figures):
--   past_due_churn_days  off by default; N: a customer whose oldest overdue open invoice in the currency is more than N days past due at the close counts as churned (MRR 0) until it is no longer.
--   usage_in_mrr         off by default; on: the trailing three-month usage average is added to MRR.
--   trials               exclude by default: a subscription in trial adds nothing until trial_ends_at; count: at its price from the start.
--   free_plans           exclude by default: customers whose only subscriptions are at zero price are not counted as customers; count: they are.
--
-- Определения (их показывают страницы /mrr и /retention, читая из этого заголовка):
--   mrr            Ежемесячная регулярная выручка на закрытии: действующие подписки, цена каждой за расчётный период / число месяцев в периоде, округлённая один раз до минимальной единицы валюты (количество и скидки входят в цену); плюс среднее потребление и пробные подписки, если так задано в настройках; ноль, пока клиент считается ушедшим в отток из-за просрочки.
--   arr            Годовая регулярная выручка (run rate): MRR × 12.
--   new            MRR клиента, у которого MRR переходит от нуля к положительному на его первом закрытии с MRR (отток из-за просрочки не учитывается: клиент, уже ушедший в отток из-за просрочки на первом закрытии, считается вернувшимся, когда заплатит).
--   reactivation   MRR клиента, у которого MRR переходит от нуля к положительному после того, как MRR у него уже был раньше.
--   expansion      Рост MRR клиента, у которого MRR был на обоих закрытиях.
--   contraction    Снижение MRR клиента, у которого на закрытии MRR ещё есть.
--   churn          MRR на предыдущем закрытии клиента, у которого MRR падает до нуля.
--   net_change     new + reactivation + expansion − contraction − churn = MRR сейчас − MRR на предыдущем закрытии, в точности.
--   customers      Клиенты на закрытии: MRR больше нуля или (если бесплатные тарифы учитываются) действующая подписка с нулевой ценой; кроме ушедших в отток из-за просрочки.
--   usage          Скользящее среднее за три месяца по строкам счетов за потребление (без налога, по месяцу выставления счёта), округлённое до минимальной единицы валюты.
--
-- Настройки (связанные параметры; страница показывает их рядом с показателями):
--   past_due_churn_days  по умолчанию выключено; N: клиент, у которого самый старый просроченный открытый счёт в этой валюте просрочен на закрытии больше чем на N дней, считается ушедшим в отток (MRR 0), пока это условие выполняется.
--   usage_in_mrr         по умолчанию выключено; включено: скользящее трёхмесячное среднее потребления добавляется к MRR.
--   trials               по умолчанию exclude: подписка в пробном периоде ничего не добавляет до trial_ends_at; count: учитывается по своей цене с самого начала.
--   free_plans           по умолчанию exclude: клиенты, у которых все подписки с нулевой ценой, не считаются клиентами; count: считаются.
--
-- MRR берётся на закрытии каждого месяца: 00:00 первого числа следующего месяца, часовой пояс компании.
-- Движения классифицируются по клиенту и валюте сравнением его MRR на этом закрытии с
-- предыдущим (клиент, сменивший валюту, уходит в отток в старой валюте и становится новым или
-- вернувшимся в новой; суммы в разных валютах никогда не сравниваются и не складываются).
with

months as (
  select *
  from marts.mrr_customer_months
  where by_plan = $1
),

settled as (
  select
    *,
    coalesce(max_days_past_due > $2::INTEGER, false) as past_due_churned,
    coalesce(prev_max_days_past_due > $2::INTEGER, false) as prev_past_due_churned,
    coalesce(m12_max_days_past_due > $2::INTEGER, false) as m12_past_due_churned
  from months
),

-- the same formula at this close, the previous one and twelve closes earlier (components stored side by side in the mart)
valued as (
  select
    *,
    case when past_due_churned then 0
      else recurring_minor + case when $4::BOOLEAN then trial_minor else 0 end + case when $3::BOOLEAN then usage_minor else 0 end
    end::BIGINT as mrr_minor,
    case when prev_past_due_churned then 0
      else prev_recurring_minor + case when $4::BOOLEAN then prev_trial_minor else 0 end + case when $3::BOOLEAN then prev_usage_minor else 0 end
    end::BIGINT as prev_mrr_minor,
    case when m12_past_due_churned then 0
      else m12_recurring_minor + case when $4::BOOLEAN then m12_trial_minor else 0 end + case when $3::BOOLEAN then m12_usage_minor else 0 end
    end::BIGINT as mrr_12_before_minor,
    case
      when $3::BOOLEAN and $4::BOOLEAN then first_month_with_trials_and_usage
      when $3::BOOLEAN then first_month_with_usage
      when $4::BOOLEAN then first_month_with_trials
      else first_month
    end as first_mrr_month
  from settled
),

classified as (
  select
    *,
    mrr_minor > 0 or ($5::BOOLEAN and free_plan and not past_due_churned) as is_customer,
    prev_mrr_minor > 0 or ($5::BOOLEAN and prev_free_plan and not prev_past_due_churned) as was_customer,
    case
      when prev_mrr_minor = 0 and mrr_minor > 0 and month <= first_mrr_month then 'new'
      when prev_mrr_minor = 0 and mrr_minor > 0 then 'reactivation'
      when prev_mrr_minor > 0 and mrr_minor = 0 then 'churn'
      when mrr_minor > prev_mrr_minor then 'expansion'
      when mrr_minor < prev_mrr_minor then 'contraction'
    end as kind
  from valued
)

select
  month, customer_id, currency, plan_code, segment, region,
  recurring_minor, trial_minor, usage_minor, max_days_past_due, past_due_churned,
  mrr_minor, prev_mrr_minor, mrr_12_before_minor, first_mrr_month, is_customer, was_customer, kind,
  case when kind = 'new' then mrr_minor else 0 end::BIGINT as new_minor,
  case when kind = 'reactivation' then mrr_minor else 0 end::BIGINT as reactivation_minor,
  case when kind = 'expansion' then mrr_minor - prev_mrr_minor else 0 end::BIGINT as expansion_minor,
  case when kind = 'contraction' then prev_mrr_minor - mrr_minor else 0 end::BIGINT as contraction_minor,
  case when kind = 'churn' then prev_mrr_minor else 0 end::BIGINT as churn_minor
from classified
