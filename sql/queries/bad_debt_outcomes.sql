-- grain: one row per currency and aging bucket at one past month end
-- source: `aging` = sql/queries/aging_invoices.sql as of that month end (the caller puts it in front
--         as a CTE), staging credit notes
-- parameters: $1 the month end (as-of date), as for aging_invoices
--
-- What became of the debt in each bucket: open_minor is what was open at the month end, lost_minor
-- the part of it written off afterwards (credit notes with reason write_off, issued after that day,
-- at most the invoice's open amount then). The observed loss rate of a bucket is lost / open summed
-- over past month ends whose outcome is known. Known limitation: a billing system that writes debt
-- off only by marking the invoice uncollectible, without a credit note, shows no loss here.
with

cutoff as (
  select timezone(s.business_timezone, ($1::DATE + 1)::TIMESTAMP) as end_of_day from meta.settings s
),

written_off as (
  select n.invoice_id, sum(n.amount_minor) as written_off_minor
  from staging.stg_billing__credit_notes n, cutoff k
  where n.reason = 'write_off' and n.status = 'issued' and n.issued_at >= k.end_of_day
  group by n.invoice_id
)

select a.currency, a.bucket,
  sum(a.open_minor)::BIGINT as open_minor,
  sum(least(a.open_minor, coalesce(w.written_off_minor, 0)))::BIGINT as lost_minor,
  count(*) as invoices
from aging a left join written_off w using (invoice_id)
where a.open_minor > 0
group by a.currency, a.bucket
