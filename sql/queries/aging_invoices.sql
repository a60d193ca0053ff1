-- grain: one row per invoice with an open balance at the end of the as-of day (business time zone)
-- source: marts.fct_invoice_balances, marts.fct_invoice_balance_changes
-- parameters:
--   $1  as-of date (a day in the business time zone; balances at the end of that day)
--   $2  age basis: 'due_date' (days past due) or 'invoice_date' (days since issue)
--   $3  bucket upper bounds in days, ascending, comma-separated, e.g. '0,30,60,90,120':
--       bucket 0 holds age <= 0 ("current"), bucket i holds bound[i-1] < age <= bound[i], the last
--       bucket holds age > the last bound.
--   $4  a customer id to age only that customer's invoices (the case page), or NULL for all customers
--
-- Open balance as of the day = total − allocations applied − credit notes issued up to the end of
-- that day (− what was open when voided, for voided invoices): what the ledger showed then.
--
-- Открытый остаток на день = сумма счёта − применённые распределения оплат − кредит-ноты, выставленные
-- до конца этого дня (для аннулированных счетов — ещё минус остаток на момент аннулирования): то, что
-- показывал учёт в тот день.
--
-- Интервалы возраста: интервал 0 — возраст <= 0 («не просрочено»), интервал i — bound[i-1] < возраст <= bound[i],
-- последний интервал — возраст больше последней границы.
--
-- Definitions (the columns, for exports):
--   invoice_id     The invoice's id in the billing system.
--   number         The invoice number printed on it.
--   customer_id    The billed customer's id.
--   customer_name  The customer's name.
--   segment        The customer's segment (consumer, smb, enterprise).
--   region         The customer's region.
--   currency       ISO 4217 code of the invoice; open_minor is integer minor units of it.
--   issued_on      Day of issue, in the business time zone.
--   due_on         Due day, in the business time zone.
--   open_minor     Open balance at the end of the as-of day, as defined above.
--   age_days       Days from the due day (basis due_date) or the issue day (basis invoice_date) to the as-of day.
--   bucket         Index of the age bucket: 0 holds age <= the first bound, i holds bound[i-1] < age <= bound[i],
--                  the last holds age > the last bound.
-- Определения (столбцы, для выгрузок):
--   invoice_id     Идентификатор счёта в биллинговой системе.
--   number         Номер, напечатанный на счёте.
--   customer_id    Идентификатор клиента, которому выставлен счёт.
--   customer_name  Наименование клиента.
--   segment        Сегмент клиента (consumer, smb, enterprise).
--   region         Регион клиента.
--   currency       Код валюты счёта по ISO 4217; open_minor — целое число её минимальных единиц.
--   issued_on      День выставления, в часовом поясе компании.
--   due_on         День срока оплаты, в часовом поясе компании.
--   open_minor     Открытый остаток на конец отчётного дня, как определено выше.
--   age_days       Дней от дня срока оплаты (основа due_date) или дня выставления (основа invoice_date) до отчётного дня.
--   bucket         Номер интервала возраста: 0 — возраст <= первой границы, i — bound[i-1] < возраст <= bound[i],
--                  последний — возраст больше последней границы.
with

params as (
  select
    $1::DATE as as_of,
    $2::VARCHAR as basis,
    [trim(b)::INTEGER for b in string_split($3::VARCHAR, ',')] as bounds
),

cutoff as (
  select p.*, timezone(s.business_timezone, (p.as_of + 1)::TIMESTAMP) as end_of_day
  from params p cross join meta.settings s
),

-- only invoices issued by then and not yet settled for good can owe anything at the cutoff. The first line of
-- the WHERE is implied by the second (the cutoff lies within 14 hours of the as-of day's end in UTC); it compares
-- with constants, so the table scan applies it and reads the other columns of the few rows left only
candidates as (
  select b.*, k.as_of, k.basis, k.bounds, k.end_of_day
  from marts.fct_invoice_balances b, cutoff k
  where ($4::VARCHAR is null or b.customer_id = $4)
    and b.issued_on <= $1::DATE + 1 and (b.closed_at is null or b.closed_at >= timezone('UTC', ($1::DATE - 1)::TIMESTAMP))
    and b.issued_at < k.end_of_day and (b.closed_at is null or b.closed_at >= k.end_of_day)
),

-- balance at the cutoff = balance now − changes since: with the changes stored in time order, only
-- the (usually short) tail after the cutoff is read
changes_since as (
  select c.invoice_id, sum(c.amount_minor) as since_minor
  from marts.fct_invoice_balance_changes c
  semi join candidates using (invoice_id)
  where c.changed_at >= (select end_of_day from cutoff)
    and c.issued_at < (select end_of_day from cutoff) -- implied by candidates, but filtering first is cheaper than probing
  group by c.invoice_id
),

balances as (
  select c.invoice_id, c.open_minor - coalesce(s.since_minor, 0) as open_minor
  from candidates c left join changes_since s using (invoice_id)
  where c.open_minor - coalesce(s.since_minor, 0) <> 0
),

aged as (
  select
    b.invoice_id, i.number, i.customer_id, i.customer_name, i.segment, i.region, i.currency,
    i.issued_on, i.due_on, b.open_minor::BIGINT as open_minor,
    date_diff('day', case when i.basis = 'invoice_date' then i.issued_on else i.due_on end, i.as_of) as age_days,
    i.bounds
  from balances b
  join candidates i using (invoice_id)
)

select
  invoice_id, number, customer_id, customer_name, segment, region, currency, issued_on, due_on, open_minor, age_days,
  len([b for b in bounds if b < age_days]) as bucket
from aged
