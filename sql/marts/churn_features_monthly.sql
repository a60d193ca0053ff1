-- grain: one row per customer × month-end cut-off (intermediate.int_churn_cutoffs) at which the
--        customer has a running subscription they have not asked to cancel
-- source: staging customers, subscriptions, subscription versions, plans, usage records, payments,
--         credit notes, invoice lines; marts.fct_invoice_balance_changes
--
-- The churn model's features (models/churn, /models/churn). Every feature of a row uses only events
-- dated before its cut-off `cutoff_at` (first instant of the next month, business time zone); current
-- states that change later (invoice status, refunds) are replaced by their dated events. A test moves
-- the cut-off and checks that rewriting everything after it leaves the row unchanged.
-- Definitions (each feature as of the cut-off; money in minor units of the customer's currency):
--   tenure_months          Whole months from the customer's creation to the cut-off.
--   mrr_minor              Monthly recurring revenue at the cut-off: running subscription versions' price
--                          per billing period ÷ months in the period, rounded, summed.
--   mrr_3m_ago_minor       The same three months before the cut-off (0 if not yet a customer).
--   mrr_change_3m          mrr_minor ÷ mrr_3m_ago_minor − 1; empty when there was no MRR then.
--   upgrades_12m           Subscription versions of kind upgrade starting in the 12 months before.
--   downgrades_12m         The same for downgrades.
--   quantity_changes_12m   The same for changes of seats or lines.
--   usage_trend_voice      Usage in the 3 months before the cut-off ÷ usage in the 3 months before
--                          those − 1; empty when the earlier months had none. Likewise
--                          usage_trend_sms, usage_trend_data, usage_trend_tv, usage_trend_api.
--   open_balance_minor     Sum of the customer's invoice balances at the cut-off (payments applied,
--                          credit notes, voids).
--   days_past_due          Days from the due date of the oldest invoice still open at the cut-off to the
--                          cut-off (local dates); 0 when nothing is overdue.
--   invoices_due_12m       Invoices due in the 12 months before the cut-off.
--   late_invoices_12m      Of those, settled after their due date or not settled by the cut-off.
--   late_share_12m         late_invoices_12m ÷ invoices_due_12m (empty without invoices due).
--   failed_payments_6m     Payments with status failed received in the 6 months before.
--   chargebacks_12m        Charge-backs dated (refunded_at) in the 12 months before.
--   credit_notes_12m       Credit notes issued in the 12 months before (any reason, status issued).
--   disputes_12m           Of those, reason dispute.
--   late_fees_12m          Late-fee invoice lines on invoices issued in the 12 months before.
--   payment_method         Method of the last payment received before the cut-off ('none' if none).
--   plan_code              Plan of the customer's largest running subscription version.
--   segment                From the customer, as are region and currency (the contract does not date changes).
-- Known limitation: credit-note status and the customer's segment are current values (the contract
-- dates neither change). Collections history (promises, escalation steps, suspensions) lives in the
-- workbench database, which only holds it from the day Ledgerlens was installed; it is not a feature yet.
-- Определения (каждый признак — на дату отсечения; деньги — в минимальных единицах валюты клиента):
--   tenure_months          Целые месяцы от создания клиента до даты отсечения.
--   mrr_minor              Ежемесячная регулярная выручка на дату отсечения: цена действующих версий подписок
--                          за расчётный период ÷ число месяцев в периоде, с округлением, в сумме.
--   mrr_3m_ago_minor       То же за три месяца до даты отсечения (0, если клиента ещё не было).
--   mrr_change_3m          mrr_minor ÷ mrr_3m_ago_minor − 1; пусто, если тогда MRR не было.
--   upgrades_12m           Версии подписок вида upgrade, начавшиеся за 12 месяцев до отсечения.
--   downgrades_12m         То же для понижений тарифа (downgrade).
--   quantity_changes_12m   То же для изменений числа мест или линий.
--   usage_trend_voice      Потребление за 3 месяца до отсечения ÷ потребление за 3 месяца перед ними − 1;
--                          пусто, если в более ранние месяцы потребления не было. Так же считаются
--                          usage_trend_sms, usage_trend_data, usage_trend_tv, usage_trend_api.
--   open_balance_minor     Сумма остатков по счетам клиента на дату отсечения (с учётом применённых оплат,
--                          кредит-нот и аннулирований).
--   days_past_due          Дней от срока оплаты самого старого счёта, открытого на дату отсечения, до даты
--                          отсечения (по местным датам); 0, если просрочки нет.
--   invoices_due_12m       Счета со сроком оплаты в 12 месяцах до отсечения.
--   late_invoices_12m      Из них — оплаченные после срока или не оплаченные к дате отсечения.
--   late_share_12m         late_invoices_12m ÷ invoices_due_12m (пусто, если счетов со сроком оплаты нет).
--   failed_payments_6m     Платежи со статусом failed, полученные за 6 месяцев до отсечения.
--   chargebacks_12m        Возвраты платежей (chargeback), датированные (refunded_at) 12 месяцами до отсечения.
--   credit_notes_12m       Кредит-ноты, выставленные за 12 месяцев до отсечения (любая причина, статус issued).
--   disputes_12m           Из них — с причиной dispute (спор).
--   late_fees_12m          Строки пеней в счетах, выставленных за 12 месяцев до отсечения.
--   payment_method         Способ последнего платежа, полученного до отсечения ('none', если платежей не было).
--   plan_code              Тариф самой крупной действующей версии подписки клиента.
--   segment                Из карточки клиента, как и region и currency (договор не датирует их изменения).
-- Известное ограничение: статус кредит-ноты и сегмент клиента — текущие значения (договор не датирует
-- их изменения). История взыскания (обещания оплаты, шаги эскалации, приостановки) хранится в базе
-- рабочего места, где она есть только со дня установки Ledgerlens; признаком она пока не является.
with

cutoffs as (
  select as_of_month, cutoff_local, cutoff_at from intermediate.int_churn_cutoffs
),

customers as (
  select id, segment, region, currency, created_at, created_local from staging.stg_billing__customers
),

subscriptions as (
  select id, customer_id, started_at, canceled_at, ended_at from staging.stg_billing__subscriptions
),

versions as (
  select v.subscription_id, s.customer_id, v.change_kind, v.valid_from, v.valid_to, p.code as plan_code,
    round(v.price_minor / p.billing_period_months)::BIGINT as mrr_minor
  from staging.stg_billing__subscription_versions v
  join staging.stg_billing__plans p on p.id = v.plan_id
  join subscriptions s on s.id = v.subscription_id
),

population as (
  select k.as_of_month, k.cutoff_local, k.cutoff_at, s.customer_id
  from cutoffs k
  join subscriptions s on s.started_at < k.cutoff_at and (s.ended_at is null or s.ended_at > k.cutoff_at)
  group by all
  having count(*) filter (where s.canceled_at is null or s.canceled_at >= k.cutoff_at) > 0
),

mrr_now as (
  select p.customer_id, p.cutoff_at, sum(v.mrr_minor) as mrr_minor,
    first(v.plan_code order by v.mrr_minor desc, v.plan_code) as plan_code
  from population p
  join versions v on v.customer_id = p.customer_id and v.valid_from < p.cutoff_at and (v.valid_to is null or v.valid_to > p.cutoff_at)
  group by all
),

mrr_before as (
  select p.customer_id, p.cutoff_at, sum(v.mrr_minor) as mrr_minor
  from population p
  join versions v on v.customer_id = p.customer_id
    and v.valid_from < p.cutoff_at - interval 3 month and (v.valid_to is null or v.valid_to > p.cutoff_at - interval 3 month)
  group by all
),

plan_changes as (
  select p.customer_id, p.cutoff_at,
    count(*) filter (where v.change_kind = 'upgrade') as upgrades_12m,
    count(*) filter (where v.change_kind = 'downgrade') as downgrades_12m,
    count(*) filter (where v.change_kind = 'quantity') as quantity_changes_12m
  from population p
  join versions v on v.customer_id = p.customer_id and v.valid_from >= p.cutoff_at - interval 12 month and v.valid_from < p.cutoff_at
  group by all
),

usage_monthly as (
  -- Exact decimals until the final ratio: a DOUBLE sum's last bit depends on the order DuckDB adds in.
  select customer_id, service, date_trunc('month', bucket_start_local) as month_local, sum(quantity) as quantity
  from staging.stg_billing__usage_records
  group by all
),

usage_windows as (
  select p.customer_id, p.cutoff_at, u.service,
    sum(u.quantity) filter (where u.month_local >= p.cutoff_local - interval 3 month) as last_3m,
    sum(u.quantity) filter (where u.month_local < p.cutoff_local - interval 3 month) as prior_3m
  from population p
  join usage_monthly u on u.customer_id = p.customer_id
    and u.month_local >= p.cutoff_local - interval 6 month and u.month_local < p.cutoff_local
  group by all
),

usage_trends as (
  select customer_id, cutoff_at,
    max(case when service = 'voice' and prior_3m > 0 then (coalesce(last_3m, 0) / prior_3m)::DOUBLE - 1 end) as usage_trend_voice,
    max(case when service = 'sms' and prior_3m > 0 then (coalesce(last_3m, 0) / prior_3m)::DOUBLE - 1 end) as usage_trend_sms,
    max(case when service = 'data' and prior_3m > 0 then (coalesce(last_3m, 0) / prior_3m)::DOUBLE - 1 end) as usage_trend_data,
    max(case when service = 'tv' and prior_3m > 0 then (coalesce(last_3m, 0) / prior_3m)::DOUBLE - 1 end) as usage_trend_tv,
    max(case when service = 'api' and prior_3m > 0 then (coalesce(last_3m, 0) / prior_3m)::DOUBLE - 1 end) as usage_trend_api
  from usage_windows
  group by all
),

invoice_events as (
  select e.invoice_id, e.customer_id, e.changed_at, e.amount_minor, e.due_at from marts.fct_invoice_balance_changes e
),

-- When each invoice's balance first reached zero (a dated event, unlike its status).
invoice_settled as (
  select invoice_id, any_value(customer_id) as customer_id, any_value(due_at) as due_at,
    min(changed_at) filter (where running <= 0) as settled_at
  from (
    select invoice_id, customer_id, due_at, changed_at,
      sum(amount_minor) over (partition by invoice_id order by changed_at, amount_minor desc rows unbounded preceding) as running
    from invoice_events
  )
  group by invoice_id
),

balances_at_cutoff as (
  select p.customer_id, p.cutoff_at, p.cutoff_local, e.invoice_id, any_value(e.due_at) as due_at, sum(e.amount_minor) as open_minor
  from population p
  join invoice_events e on e.customer_id = p.customer_id and e.changed_at < p.cutoff_at
  group by all
),

receivables as (
  select b.customer_id, b.cutoff_at,
    sum(b.open_minor)::BIGINT as open_balance_minor,
    coalesce(max(date_diff('day', timezone(s.business_timezone, b.due_at)::DATE, b.cutoff_local::DATE))
      filter (where b.open_minor > 0 and b.due_at < b.cutoff_at), 0) as days_past_due
  from balances_at_cutoff b
  cross join meta.settings s
  group by all
),

lateness as (
  select p.customer_id, p.cutoff_at,
    count(*) as invoices_due_12m,
    count(*) filter (where i.settled_at is null or i.settled_at >= p.cutoff_at or i.settled_at > i.due_at) as late_invoices_12m
  from population p
  join invoice_settled i on i.customer_id = p.customer_id and i.due_at >= p.cutoff_at - interval 12 month and i.due_at < p.cutoff_at
  group by all
),

payments as (
  select id, customer_id, received_at, refunded_at, status, method from staging.stg_billing__payments
),

payment_signals as (
  select p.customer_id, p.cutoff_at,
    count(*) filter (where y.status = 'failed' and y.received_at >= p.cutoff_at - interval 6 month) as failed_payments_6m,
    count(*) filter (where y.status = 'charged_back' and y.refunded_at >= p.cutoff_at - interval 12 month and y.refunded_at < p.cutoff_at) as chargebacks_12m,
    first(y.method order by y.received_at desc, y.id desc) filter (where y.status <> 'failed') as payment_method
  from population p
  join payments y on y.customer_id = p.customer_id and y.received_at < p.cutoff_at
  group by all
),

credit_signals as (
  select p.customer_id, p.cutoff_at,
    count(*) as credit_notes_12m,
    count(*) filter (where n.reason = 'dispute') as disputes_12m
  from population p
  join staging.stg_billing__credit_notes n on n.customer_id = p.customer_id and n.status = 'issued'
    and n.issued_at >= p.cutoff_at - interval 12 month and n.issued_at < p.cutoff_at
  group by all
),

late_fees as (
  select p.customer_id, p.cutoff_at, count(*) as late_fees_12m
  from population p
  join staging.stg_billing__invoices i on i.customer_id = p.customer_id
    and i.issued_at >= p.cutoff_at - interval 12 month and i.issued_at < p.cutoff_at
  join staging.stg_billing__invoice_lines l on l.invoice_id = i.id and l.kind = 'late_fee'
  group by all
)

select
  p.customer_id, p.as_of_month, p.cutoff_local, p.cutoff_at,
  c.segment, c.region, c.currency,
  coalesce(m.plan_code, 'none') as plan_code,
  coalesce(ps.payment_method, 'none') as payment_method,
  date_diff('month', c.created_local, p.cutoff_local) as tenure_months,
  coalesce(m.mrr_minor, 0)::BIGINT as mrr_minor,
  coalesce(b.mrr_minor, 0)::BIGINT as mrr_3m_ago_minor,
  case when b.mrr_minor > 0 then coalesce(m.mrr_minor, 0) / b.mrr_minor - 1 end as mrr_change_3m,
  coalesce(pc.upgrades_12m, 0) as upgrades_12m,
  coalesce(pc.downgrades_12m, 0) as downgrades_12m,
  coalesce(pc.quantity_changes_12m, 0) as quantity_changes_12m,
  u.usage_trend_voice, u.usage_trend_sms, u.usage_trend_data, u.usage_trend_tv, u.usage_trend_api,
  coalesce(r.open_balance_minor, 0)::BIGINT as open_balance_minor,
  coalesce(r.days_past_due, 0) as days_past_due,
  coalesce(l.invoices_due_12m, 0) as invoices_due_12m,
  coalesce(l.late_invoices_12m, 0) as late_invoices_12m,
  case when l.invoices_due_12m > 0 then l.late_invoices_12m / l.invoices_due_12m end as late_share_12m,
  coalesce(ps.failed_payments_6m, 0) as failed_payments_6m,
  coalesce(ps.chargebacks_12m, 0) as chargebacks_12m,
  coalesce(cs.credit_notes_12m, 0) as credit_notes_12m,
  coalesce(cs.disputes_12m, 0) as disputes_12m,
  coalesce(lf.late_fees_12m, 0) as late_fees_12m
from population p
join customers c on c.id = p.customer_id
left join mrr_now m using (customer_id, cutoff_at)
left join mrr_before b using (customer_id, cutoff_at)
left join plan_changes pc using (customer_id, cutoff_at)
left join usage_trends u using (customer_id, cutoff_at)
left join receivables r using (customer_id, cutoff_at)
left join lateness l using (customer_id, cutoff_at)
left join payment_signals ps using (customer_id, cutoff_at)
left join credit_signals cs using (customer_id, cutoff_at)
left join late_fees lf using (customer_id, cutoff_at)
