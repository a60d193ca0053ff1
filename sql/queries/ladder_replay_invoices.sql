-- grain: one row per invoice that may be overdue on some day of the replay window
-- source: marts.fct_invoice_balances, marts.fct_invoice_balance_changes, meta.settings
-- parameters:
--   $1  first day of the replay window (business time zone)
--   $2  last day of the replay window, inclusive
--
-- What the escalation engine needs to replay a day: the invoice's due date (business time zone),
-- its principal = open balance at the end of the due day, and every later change to the open
-- balance netted per business day (payments, credit notes, voids negative), up to the end of the
-- last day. The same balances as the aging report (sql/queries/aging_invoices.sql) on each day.
-- An invoice settled for good before its due day ended, or before the window starts, is never
-- overdue in the window and is left out; the replay decides the exact overdue days itself.
with

params as (
  select $1::DATE as first_day, $2::DATE as last_day
),

window_bounds as (
  select p.*, s.business_timezone,
    timezone(s.business_timezone, p.first_day::TIMESTAMP) as window_start,
    timezone(s.business_timezone, (p.last_day + 1)::TIMESTAMP) as window_end
  from params p cross join meta.settings s
),

candidates as (
  select b.invoice_id, b.customer_id, b.segment, b.currency, b.due_on, w.business_timezone, w.window_end
  from marts.fct_invoice_balances b, window_bounds w
  where b.due_on < w.last_day
    and b.issued_at < w.window_end
    and (b.closed_at is null
         or (b.closed_at >= timezone(w.business_timezone, (b.due_on + 1)::TIMESTAMP) and b.closed_at >= w.window_start))
),

daily_changes as (
  select c.invoice_id, cast(timezone(k.business_timezone, c.changed_at) as DATE) as on_day, sum(c.amount_minor)::BIGINT as delta_minor
  from marts.fct_invoice_balance_changes c
  join candidates k using (invoice_id)
  where c.changed_at < k.window_end
  group by all
),

per_invoice as (
  select k.invoice_id,
    coalesce(sum(d.delta_minor) filter (where d.on_day <= k.due_on), 0)::BIGINT as principal_minor,
    list(struct_pack(on_day := d.on_day, delta_minor := d.delta_minor) order by d.on_day) filter (where d.on_day > k.due_on and d.delta_minor <> 0) as changes
  from candidates k
  left join daily_changes d using (invoice_id)
  group by k.invoice_id
)

select k.invoice_id, k.customer_id, k.segment, k.currency, k.due_on, p.principal_minor, coalesce(p.changes, []) as changes
from candidates k
join per_invoice p using (invoice_id)
