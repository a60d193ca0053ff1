-- grain: one row per currency and horizon (30, 60 and 90 days after the suspension)
-- source: `step_outcomes` = the rows of sql/queries/ladder_step_outcomes.sql (the caller materialises
--         them as a temp table, or puts the query in front as a CTE), temp.ladder_steps (the invoices each step named),
--         marts.fct_invoice_balance_changes (payments as applied to those invoices)
-- parameters: $1 observed until (the same day as for step_outcomes)
--
-- Recovery after suspension: of what the suspended customer owed on the invoices the suspension
-- named (the amount reached), how much came back as payments within the horizon. Credit notes and
-- voids are not recovery. Only suspensions at least the horizon old by the end of the observation
-- day count for it, so a young suspension does not drag the share down.
-- Definitions (money per currency in minor units):
--   suspensions        suspensions taken in the period
--   amount_suspended   their amount reached
--   observed           suspensions taken at least the horizon before the end of the observation day
--   observed_minor     their amount reached
--   recovered_minor    payments applied to the named invoices after the suspension, up to the end
--                      of the horizon's last day, at most the amount reached of each suspension
--   recovery_rate      recovered_minor / observed_minor
-- Определения (деньги — по каждой валюте в минимальных единицах):
--   suspensions        приостановки, сделанные в периоде
--   amount_suspended   их охваченная сумма
--   observed           приостановки, сделанные не позже чем за горизонт до конца дня наблюдения
--   observed_minor     их охваченная сумма
--   recovered_minor    оплаты, применённые к указанным счетам после приостановки, до конца последнего
--                      дня горизонта, не больше охваченной суммы каждой приостановки
--   recovery_rate      recovered_minor / observed_minor
with

horizons as (select unnest([30, 60, 90]) as horizon_days),

suspended as (
  select o.step_key, o.currency, o.taken_on, o.taken_at, o.amount_minor
  from step_outcomes o
  where o.step_kind = 'suspension'
),

bounds as (
  select s.business_timezone, $1::DATE as observed_until from meta.settings s
),

payments as (
  select s.step_key, s.currency, c.changed_at, -c.amount_minor as paid_minor
  from suspended s
  join (select distinct step_key, invoice_id from temp.ladder_steps) l using (step_key)
  join marts.fct_invoice_balance_changes c on c.invoice_id = l.invoice_id and c.currency = s.currency
  where c.kind = 'payment' and c.changed_at >= s.taken_at
),

per_suspension as (
  select s.step_key, s.currency, s.amount_minor, h.horizon_days,
    s.taken_on + h.horizon_days <= b.observed_until as is_observed,
    least(s.amount_minor, coalesce(sum(p.paid_minor) filter (
      where p.changed_at < timezone(b.business_timezone, (s.taken_on + h.horizon_days + 1)::TIMESTAMP)), 0)) as recovered_minor
  from suspended s
  cross join horizons h
  cross join bounds b
  left join payments p on p.step_key = s.step_key and p.currency = s.currency
  group by s.step_key, s.currency, s.amount_minor, s.taken_on, h.horizon_days, b.observed_until, b.business_timezone
)

select
  currency, horizon_days,
  count(*) as suspensions,
  sum(amount_minor)::BIGINT as amount_suspended,
  count(*) filter (where is_observed) as observed,
  coalesce(sum(amount_minor) filter (where is_observed), 0)::BIGINT as observed_minor,
  coalesce(sum(recovered_minor) filter (where is_observed), 0)::BIGINT as recovered_minor,
  sum(recovered_minor) filter (where is_observed) / sum(amount_minor) filter (where is_observed) as recovery_rate
from per_suspension
group by currency, horizon_days
