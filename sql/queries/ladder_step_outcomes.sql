-- grain: one row per ladder step taken in the period and currency of the invoices it named
-- source: temp.ladder_steps (the steps taken, one row per step and invoice named: approved
--         collection actions or a policy replay, loaded per request by app/lib/server/ladder/step-table.ts),
--         marts.fct_invoice_balance_changes, staging.stg_billing__credit_notes (write-offs), meta.settings
-- parameters:
--   $1  first day of the period (business time zone): steps taken from this day on
--   $2  last day of the period, inclusive
--   $3  observed until: outcomes are judged on what the warehouse shows at the end of this day
--   $4, $5  cure tolerance as a fraction $4/$5 of the amount reached (default 1/100)
--
-- A step is taken at the instant it was sent: an approved action when it was approved; a replayed
-- step at the end of the day the policy proposed it (the engine looks at end-of-day balances).
-- Balances are the ledger's (payments as applied, credit notes, voids), as in the aging report.
--
-- Definitions (money per currency in minor units; days are calendar days in the business time zone):
--   amount_minor   amount reached: what the invoices the step named still owed in this currency
--                  at the instant the step was taken
--   cured          the invoices' remaining balance fell to the tolerance or below (paid, credited
--                  or voided) before the next ladder step for any of them was taken
--   written_off    as cured, but a write-off credit note (reason write_off) on those invoices
--                  helped close it: the debt was given up, not collected
--   moved_on       the next ladder step for any of those invoices was taken first
--   still_open     none of these, by the end of the observation day
--   days_to_cure   days from the day the step was taken to the day it was cured
-- Tolerance: a remaining balance of at most the cure tolerance (a share of the amount reached, 1 %
-- by default) counts as cured, so a few kopecks left by rounding do not keep a paid debt open. A step whose invoices owed nothing in a
-- currency when it was taken (paid the same morning) has no row for that currency.
-- Определения (деньги — по каждой валюте в минимальных единицах; дни — календарные дни в часовом поясе компании):
--   amount_minor   охваченная сумма: сколько счета, указанные в шаге, ещё были должны в этой валюте
--                  в момент шага
--   cured          остаток по счетам упал до допуска или ниже (оплачен, погашен кредит-нотой
--                  или аннулирован) до того, как по любому из них был сделан следующий шаг лестницы
--   written_off    как cured, но закрыть долг помогла кредит-нота на списание (причина write_off)
--                  по этим счетам: от долга отказались, а не взыскали его
--   moved_on       первым по любому из этих счетов был сделан следующий шаг лестницы
--   still_open     ничего из перечисленного к концу дня наблюдения
--   days_to_cure   дней от дня шага до дня погашения
-- Допуск: остаток не больше допуска погашения (доля охваченной суммы, по умолчанию 1 %) считается
-- погашением, чтобы несколько копеек, оставшихся от округления, не держали оплаченный долг открытым.
-- У шага, по счетам которого в момент шага в какой-то валюте ничего не было должно (оплачено тем же утром),
-- строки по этой валюте нет.
with

params as (
  select $1::DATE as period_from, $2::DATE as period_to, $3::DATE as observed_until, $4::BIGINT as tolerance_num, $5::BIGINT as tolerance_den
),

bounds as (
  select p.*, s.business_timezone, timezone(s.business_timezone, (p.observed_until + 1)::TIMESTAMP) as observed_end
  from params p cross join meta.settings s
),

-- steps known by the end of the observation day (later ones have not happened yet)
step_invoices as (
  select l.step_key, l.customer_id, l.step_id, l.step_order, l.step_kind, l.invoice_id, l.taken_on,
    coalesce(l.taken_at, timezone(b.business_timezone, (l.taken_on + 1)::TIMESTAMP)) as taken_at
  from temp.ladder_steps l cross join bounds b
  where l.taken_on <= b.observed_until
),

-- for each step and invoice: when a higher step naming the same invoice was taken next
next_for_invoice as (
  select a.step_key, a.invoice_id, min(b.taken_at) as next_at
  from step_invoices a
  join step_invoices b on b.invoice_id = a.invoice_id and b.step_order > a.step_order and b.taken_at >= a.taken_at
  group by all
),

steps as (
  select s.step_key, any_value(s.customer_id) as customer_id, any_value(s.step_id) as step_id, any_value(s.step_order) as step_order,
    any_value(s.step_kind) as step_kind, any_value(s.taken_on) as taken_on, any_value(s.taken_at) as taken_at, min(n.next_at) as next_at
  from step_invoices s
  left join next_for_invoice n using (step_key, invoice_id)
  group by s.step_key
),

-- the named invoices' balance after each change, per step and currency
balance_path as (
  select step_key, currency, changed_at,
    sum(delta_minor) over (partition by step_key, currency order by changed_at) as balance_minor
  from (
    select s.step_key, c.currency, c.changed_at, sum(c.amount_minor) as delta_minor
    from step_invoices s
    join marts.fct_invoice_balance_changes c on c.invoice_id = s.invoice_id
    cross join bounds b
    where c.changed_at < b.observed_end
    group by all
  )
),

reached as (
  select s.*, p.currency,
    arg_max(p.balance_minor, p.changed_at) filter (where p.changed_at < s.taken_at) as amount_minor
  from steps s
  join balance_path p using (step_key)
  group by all
  having arg_max(p.balance_minor, p.changed_at) filter (where p.changed_at < s.taken_at) > 0
),

cures as (
  select r.step_key, r.currency, min(p.changed_at) as cured_at
  from reached r
  join balance_path p on p.step_key = r.step_key and p.currency = r.currency and p.changed_at >= r.taken_at
  cross join params k
  where p.balance_minor * k.tolerance_den <= r.amount_minor * k.tolerance_num
  group by all
),

-- write-off credit notes on the named invoices after the step
write_offs as (
  select s.step_key, c.currency, c.changed_at
  from step_invoices s
  join marts.fct_invoice_balance_changes c on c.invoice_id = s.invoice_id and c.kind = 'credit_note' and c.changed_at >= s.taken_at
  join staging.stg_billing__credit_notes n on n.id = c.source_id and n.reason = 'write_off'
),

judged as (
  select r.*,
    case
      when c.cured_at is not null and (r.next_at is null or c.cured_at < r.next_at) then
        case when exists (select 1 from write_offs w where w.step_key = r.step_key and w.currency = r.currency and w.changed_at <= c.cured_at)
          then 'written_off' else 'cured' end
      when r.next_at is not null then 'moved_on'
      else 'still_open'
    end as outcome,
    c.cured_at
  from reached r
  left join cures c using (step_key, currency)
)

select
  j.step_key, j.customer_id, j.step_id, j.step_order, j.step_kind, j.currency, j.taken_on, j.taken_at,
  j.amount_minor::BIGINT as amount_minor, j.outcome,
  case when j.outcome = 'cured' then cast(timezone(b.business_timezone, j.cured_at) as DATE) end as cured_on,
  case when j.outcome = 'cured' then date_diff('day', j.taken_on, cast(timezone(b.business_timezone, j.cured_at) as DATE)) end as days_to_cure
from judged j
cross join bounds b
where j.taken_on between b.period_from and b.period_to
