-- grain: one row per ladder step and currency
-- source: `step_outcomes` = the rows of sql/queries/ladder_step_outcomes.sql (the caller materialises
--         them as a temp table, or puts the query in front as a CTE)
--
-- Definitions (steps taken in the period; money per currency in minor units, never summed across currencies):
--   steps_taken          how many times the step was taken (one reminder, fee, suspension or hand-off each)
--   cases_reached        distinct customers who got the step
--   amount_reached       what the named invoices owed when the step was taken, summed
--   cured_steps          steps cured before the next ladder step was taken (see ladder_step_outcomes)
--   cured_minor          amount reached of the cured steps
--   moved_on_steps       steps followed by the next ladder step before any cure
--   moved_on_minor       amount reached of the steps that moved on
--   written_off_steps    steps closed by a write-off before the next ladder step (not collected)
--   written_off_minor    amount reached of the steps written off
--   still_open_steps     steps neither cured nor moved on by the end of the observation day
--   still_open_minor     amount reached of the steps still open
--   cure_rate            cured_minor / amount_reached: the share of the money reached that this step
--                        brought in (cured + written off + moved on + still open = 100 %)
--   median_days_to_cure  median days from the step to the cure, over cured steps
-- Определения (шаги, сделанные в периоде; деньги — по каждой валюте в минимальных единицах, разные валюты не складываются):
--   steps_taken          сколько раз был сделан шаг (каждое напоминание, пени, приостановка или передача — один раз)
--   cases_reached        число разных клиентов, получивших шаг
--   amount_reached       сумма долга по указанным счетам в момент шага, в сумме
--   cured_steps          шаги, погашенные до следующего шага лестницы (см. ladder_step_outcomes)
--   cured_minor          охваченная сумма погашенных шагов
--   moved_on_steps       шаги, за которыми последовал следующий шаг лестницы раньше погашения
--   moved_on_minor       охваченная сумма шагов, перешедших дальше
--   written_off_steps    шаги, закрытые списанием до следующего шага лестницы (не взыскано)
--   written_off_minor    охваченная сумма списанных шагов
--   still_open_steps     шаги, которые к концу дня наблюдения не погашены и не перешли дальше
--   still_open_minor     охваченная сумма ещё открытых шагов
--   cure_rate            cured_minor / amount_reached: доля охваченных денег, которую принёс этот шаг
--                        (погашено + списано + перешло дальше + ещё открыто = 100 %)
--   median_days_to_cure  медиана дней от шага до погашения по погашенным шагам
select
  step_order, step_id, any_value(step_kind) as step_kind, currency,
  count(*) as steps_taken,
  count(distinct customer_id) as cases_reached,
  sum(amount_minor)::BIGINT as amount_reached,
  count(*) filter (where outcome = 'cured') as cured_steps,
  coalesce(sum(amount_minor) filter (where outcome = 'cured'), 0)::BIGINT as cured_minor,
  count(*) filter (where outcome = 'moved_on') as moved_on_steps,
  coalesce(sum(amount_minor) filter (where outcome = 'moved_on'), 0)::BIGINT as moved_on_minor,
  count(*) filter (where outcome = 'written_off') as written_off_steps,
  coalesce(sum(amount_minor) filter (where outcome = 'written_off'), 0)::BIGINT as written_off_minor,
  count(*) filter (where outcome = 'still_open') as still_open_steps,
  coalesce(sum(amount_minor) filter (where outcome = 'still_open'), 0)::BIGINT as still_open_minor,
  coalesce(sum(amount_minor) filter (where outcome = 'cured'), 0) / sum(amount_minor) as cure_rate,
  median(days_to_cure) filter (where outcome = 'cured') as median_days_to_cure
from step_outcomes
group by step_order, step_id, currency
