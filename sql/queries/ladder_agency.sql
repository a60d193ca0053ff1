-- grain: one row per currency
-- source: `step_outcomes` = the rows of sql/queries/ladder_step_outcomes.sql (the caller materialises
--         them as a temp table, or puts the query in front as a CTE), temp.ladder_steps (the invoices each hand-off named),
--         marts.fct_invoice_balance_changes (payments as applied to those invoices)
-- parameters:
--   $1      observed until (the same day as for step_outcomes)
--   $2, $3  the agency's contingency fee as a fraction $2/$3 of what it recovers (default 25/100)
--
-- Agency hand-offs taken in the period and what came back after them, up to the end of the
-- observation day. Credit notes and voids after the hand-off are not recoveries.
-- Definitions (money per currency in minor units):
--   placed          hand-offs to the collection agency taken in the period
--   placed_minor    what the invoices handed off owed at the hand-off (amount reached)
--   recovered_minor  payments applied to the handed-off invoices after the hand-off, at most the
--                   amount placed of each hand-off
--   fee_minor       the agency's fee: recovered × fee rate, per hand-off, rounded half up to the minor unit
--   net_minor       recovered_minor − fee_minor: what the business keeps
--   recovery_rate   recovered_minor / placed_minor
-- Определения (деньги — по каждой валюте в минимальных единицах):
--   placed          передачи в коллекторское агентство, сделанные в периоде
--   placed_minor    сколько были должны переданные счета в момент передачи (охваченная сумма)
--   recovered_minor  оплаты, применённые к переданным счетам после передачи, не больше переданной
--                   суммы каждой передачи
--   fee_minor       вознаграждение агентства: взысканное × ставка вознаграждения, по каждой передаче, с округлением половины вверх до минимальной единицы
--   net_minor       recovered_minor − fee_minor: что остаётся у компании
--   recovery_rate   recovered_minor / placed_minor
with

handed_off as (
  select o.step_key, o.currency, o.taken_at, o.amount_minor
  from step_outcomes o
  where o.step_kind = 'agency_handoff'
),

fee as (select $2::HUGEINT as fee_num, $3::HUGEINT as fee_den),

observed as (
  select timezone(s.business_timezone, ($1::DATE + 1)::TIMESTAMP) as observed_end from meta.settings s
),

recovered as (
  select h.step_key, h.currency, h.amount_minor,
    least(h.amount_minor, coalesce(sum(-c.amount_minor), 0)) as recovered_minor
  from handed_off h
  cross join observed k
  left join (select distinct step_key, invoice_id from temp.ladder_steps) l using (step_key)
  left join marts.fct_invoice_balance_changes c
    on c.invoice_id = l.invoice_id and c.currency = h.currency and c.kind = 'payment'
      and c.changed_at >= h.taken_at and c.changed_at < k.observed_end
  group by h.step_key, h.currency, h.amount_minor
),

with_fee as (
  -- half up for amounts ≥ 0: floor((2 × recovered × num + den) / (2 × den))
  select r.*, (2 * r.recovered_minor::HUGEINT * f.fee_num + f.fee_den) // (2 * f.fee_den) as fee_minor
  from recovered r cross join fee f
)

select
  currency,
  count(*) as placed,
  sum(amount_minor)::BIGINT as placed_minor,
  sum(recovered_minor)::BIGINT as recovered_minor,
  sum(fee_minor)::BIGINT as fee_minor,
  (sum(recovered_minor) - sum(fee_minor))::BIGINT as net_minor,
  sum(recovered_minor) / sum(amount_minor) as recovery_rate
from with_fee
group by currency
