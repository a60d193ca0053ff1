-- grain: one row per reference day × currency × invoice class, for the invoices open at the start of that day
-- source: marts.fct_invoice_balances, marts.fct_invoice_balance_changes, meta.settings
-- parameters:
--   $1  reference days, comma-separated 'YYYY-MM-DD' (days in the business time zone); each is taken
--       at its start (00:00 local), so "open at the reference" means open at the end of the day before
--   $2  the day before which invoice sizes are ranked (the earliest reference): size bands use no later invoice
--
-- The cash-collection forecast (app/lib/server/forecast/cash.ts) is linear in these sums: expected cash
-- in week w after an origin = Σ over classes of open_minor(class, origin) × share_w(class), where
-- share_w = Σ paid_w / Σ open_minor over the same class at earlier reference days with their 13 weeks
-- already observed. Definitions:
--   open_minor   open balance at the reference (total − payments applied − credit notes − voided part)
--   paid_minor   list of 13: payments applied to those invoices in week 1 … 13 after the reference
--                (week w = [ref + 7(w−1) days, ref + 7w days), business time zone); credit notes, voids
--                and write-offs are not cash and are not counted
--   age_bucket   days past due at the reference, finer near the due date where timing matters most:
--                due in 15+, due in 8-14, due in 0-7 (not yet overdue), 1-7, 8-14, 15-30, 31-60, 61-90, 91+
--   size_band    the invoice total against the terciles of totals issued before $2 in its currency: small, medium, large
--   payer        the customer's own record at the reference, over its invoices due 15–180 days before:
--                share still open 15 days after their due date — prompt (< 25 %), late (< 75 %),
--                chronic (≥ 75 %), new (no such invoice). Known limitation: an invoice paid, reopened
--                by a charge-back and paid again counts by its last closing.
with

settings as (select business_timezone as tz from meta.settings),

refs as (
  select
    d::DATE as ref_day,
    timezone(s.tz, d::DATE::TIMESTAMP) as ref_at,
    -- week boundaries as instants, so weeks across a DST change stay whole local days
    [timezone(s.tz, (d::DATE + (7 * w)::INTEGER)::TIMESTAMP) for w in range(1, 14)] as week_ends
  from (select unnest(string_split($1::VARCHAR, ',')) as d), settings s
),

size_bounds as (
  select currency, quantile_disc(total_minor, [1 / 3, 2 / 3]) as q
  from marts.fct_invoice_balances, settings s
  where issued_at < timezone(s.tz, $2::DATE::TIMESTAMP)
  group by currency
),

-- only invoices issued before the reference and not settled for good by then can be open at it
candidates as (
  select r.ref_day, r.ref_at, r.week_ends, b.invoice_id, b.customer_id, b.currency, b.segment, b.due_on, b.total_minor
  from marts.fct_invoice_balances b
  join refs r on b.issued_at < r.ref_at and (b.closed_at is null or b.closed_at >= r.ref_at)
),

open_at_ref as (
  select c.ref_day, c.invoice_id, sum(e.amount_minor) as open_minor
  from candidates c
  join marts.fct_invoice_balance_changes e on e.invoice_id = c.invoice_id and e.changed_at < c.ref_at
  group by c.ref_day, c.invoice_id
  having sum(e.amount_minor) > 0
),

open_invoices as (
  select c.*, b.open_minor
  from candidates c
  join open_at_ref b using (ref_day, invoice_id)
),

-- week w (1 … 13) of a payment = 1 + the number of week ends at or before it
paid_by_week as (
  select o.ref_day, o.invoice_id, 1 + len(list_filter(o.week_ends, x -> x <= e.changed_at)) as week, sum(-e.amount_minor) as paid_minor
  from open_invoices o
  join marts.fct_invoice_balance_changes e
    on e.invoice_id = o.invoice_id and e.kind = 'payment' and e.changed_at >= o.ref_at and e.changed_at < o.week_ends[13]
  group by all
),

payer_history as (
  select
    o.ref_day, o.customer_id,
    count(*) as due_invoices,
    count(*) filter (where h.closed_at is null or h.closed_at > h.due_at + interval 15 day) as late_invoices
  from (select distinct ref_day, ref_at, customer_id from open_invoices) o
  join marts.fct_invoice_balances h
    on h.customer_id = o.customer_id
   and h.due_at >= o.ref_at - interval 180 day
   and h.due_at < o.ref_at - interval 15 day
   and h.status <> 'void'
  group by o.ref_day, o.customer_id
),

classified as (
  select
    o.ref_day, o.currency, o.segment,
    case
      when date_diff('day', o.due_on, o.ref_day) <= -15 then 'due in 15+'
      when date_diff('day', o.due_on, o.ref_day) <= -8 then 'due in 8-14'
      when date_diff('day', o.due_on, o.ref_day) <= 0 then 'due in 0-7'
      when date_diff('day', o.due_on, o.ref_day) <= 7 then '1-7'
      when date_diff('day', o.due_on, o.ref_day) <= 14 then '8-14'
      when date_diff('day', o.due_on, o.ref_day) <= 30 then '15-30'
      when date_diff('day', o.due_on, o.ref_day) <= 60 then '31-60'
      when date_diff('day', o.due_on, o.ref_day) <= 90 then '61-90'
      else '91+'
    end as age_bucket,
    case
      when z.q is null or o.total_minor <= z.q[1] then 'small'
      when o.total_minor <= z.q[2] then 'medium'
      else 'large'
    end as size_band,
    case
      when p.due_invoices is null then 'new'
      when p.late_invoices < 0.25 * p.due_invoices then 'prompt'
      when p.late_invoices < 0.75 * p.due_invoices then 'late'
      else 'chronic'
    end as payer,
    o.invoice_id, o.open_minor
  from open_invoices o
  left join size_bounds z using (currency)
  left join payer_history p using (ref_day, customer_id)
),

class_totals as (
  select ref_day, currency, segment, age_bucket, size_band, payer, count(*) as invoices, sum(open_minor) as open_minor
  from classified
  group by all
),

class_weeks as (
  select k.ref_day, k.currency, k.segment, k.age_bucket, k.size_band, k.payer, p.week, sum(p.paid_minor) as paid_minor
  from classified k
  join paid_by_week p using (ref_day, invoice_id)
  group by all
),

-- every class gets all 13 weeks, zeros included, so paid_minor[w] is week w
class_weeks_dense as (
  select t.*, n.week, coalesce(w.paid_minor, 0) as week_paid_minor
  from class_totals t
  cross join (select unnest(range(1, 14)) as week) n
  left join class_weeks w using (ref_day, currency, segment, age_bucket, size_band, payer, week)
)

select
  strftime(ref_day, '%Y-%m-%d') as ref_day, currency, segment, age_bucket, size_band, payer,
  invoices::INTEGER as invoices,
  open_minor::BIGINT as open_minor,
  list(week_paid_minor::BIGINT order by week) as paid_minor
from class_weeks_dense
group by all
order by all
