-- grain: one row per month × segment × region × currency (month in the business time zone)
-- source: staging invoices, payments and credit notes; segment and region from the customer
--
-- Definitions (one place for each figure; the /revenue page and /api/v1/revenue/monthly read them):
--   invoiced_minor      Sum of invoice totals (after discounts and credits applied, including tax) of
--                       finalized invoices — status open, paid or uncollectible; drafts and voided
--                       invoices excluded — by the month the invoice was issued.
--   invoiced_net_minor  The same invoices' subtotals: after discounts, before tax.
--   tax_minor           The same invoices' tax.
--   collected_minor     Cash received: the full amount of payments that reached us (status succeeded,
--                       refunded or charged back; pending and failed excluded), by month received.
--   refunds_minor       Money returned to customers, refunds and chargebacks alike, by month returned.
--   net_collected_minor  collected_minor − refunds_minor.
--   credit_notes_minor  Credit notes issued (status issued), including write-offs, by month issued.
-- Amounts are integer minor units of `currency`; currencies are never summed together.
--
-- Определения (у каждого показателя одно определение; их читают страница /revenue и /api/v1/revenue/monthly):
--   invoiced_minor      Сумма итогов счетов (после скидок и зачтённых авансов, включая налог) по
--                       выставленным счетам — статусы open, paid или uncollectible; черновики и аннулированные
--                       счета исключены — по месяцу выставления счёта.
--   invoiced_net_minor  Суммы тех же счетов без налога: после скидок, до налога.
--   tax_minor           Налог по тем же счетам.
--   collected_minor     Поступившие денежные средства: полная сумма дошедших до нас платежей (статус succeeded,
--                       refunded или charged back; pending и failed исключены), по месяцу поступления.
--   refunds_minor       Деньги, возвращённые клиентам, — возвраты и чарджбэки вместе, по месяцу возврата.
--   net_collected_minor  collected_minor − refunds_minor.
--   credit_notes_minor  Выставленные кредит-ноты (статус issued), включая списания, по месяцу выставления.
-- Суммы — целые числа в минимальных единицах `currency`; разные валюты никогда не суммируются.
with

customers as (
  select id, segment, region from staging.stg_billing__customers
),

invoiced as (
  select
    date_trunc('month', i.issued_local)::date as month, c.segment, c.region, i.currency,
    count(*) as invoice_count,
    sum(i.total_minor) as invoiced_minor,
    sum(i.subtotal_minor) as invoiced_net_minor,
    sum(i.tax_minor) as tax_minor
  from staging.stg_billing__invoices i
  join customers c on c.id = i.customer_id
  where i.status in ('open', 'paid', 'uncollectible')
  group by all
),

collected as (
  select
    date_trunc('month', p.received_local)::date as month, c.segment, c.region, p.currency,
    count(*) as payment_count,
    sum(p.amount_minor) as collected_minor
  from staging.stg_billing__payments p
  join customers c on c.id = p.customer_id
  where p.status in ('succeeded', 'refunded', 'charged_back')
  group by all
),

refunded as (
  select
    date_trunc('month', p.refunded_local)::date as month, c.segment, c.region, p.currency,
    sum(p.refunded_minor) as refunds_minor
  from staging.stg_billing__payments p
  join customers c on c.id = p.customer_id
  where p.refunded_minor > 0 and p.status in ('succeeded', 'refunded', 'charged_back')
  group by all
),

credited as (
  select
    date_trunc('month', n.issued_local)::date as month, c.segment, c.region, n.currency,
    sum(n.amount_minor) as credit_notes_minor
  from staging.stg_billing__credit_notes n
  join customers c on c.id = n.customer_id
  where n.status = 'issued'
  group by all
),

keys as (
  select month, segment, region, currency from invoiced
  union select month, segment, region, currency from collected
  union select month, segment, region, currency from refunded
  union select month, segment, region, currency from credited
)

select
  k.month, k.segment, k.region, k.currency,
  coalesce(i.invoice_count, 0)::bigint as invoice_count,
  coalesce(i.invoiced_minor, 0)::bigint as invoiced_minor,
  coalesce(i.invoiced_net_minor, 0)::bigint as invoiced_net_minor,
  coalesce(i.tax_minor, 0)::bigint as tax_minor,
  coalesce(p.payment_count, 0)::bigint as payment_count,
  coalesce(p.collected_minor, 0)::bigint as collected_minor,
  coalesce(r.refunds_minor, 0)::bigint as refunds_minor,
  coalesce(n.credit_notes_minor, 0)::bigint as credit_notes_minor,
  (coalesce(p.collected_minor, 0) - coalesce(r.refunds_minor, 0))::bigint as net_collected_minor
from keys k
left join invoiced i using (month, segment, region, currency)
left join collected p using (month, segment, region, currency)
left join refunded r using (month, segment, region, currency)
left join credited n using (month, segment, region, currency)
order by k.month, k.segment, k.region, k.currency
