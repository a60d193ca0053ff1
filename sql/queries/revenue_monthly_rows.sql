-- grain: one row per month × segment × region × currency of marts.revenue_monthly, as filtered
-- source: marts.revenue_monthly (the figures are defined in its header)
-- parameters (null: no filter):
--   $1  first month, as its first day (DATE)
--   $2  last month, as its first day (DATE)
--   $3  segment
--   $4  region
--   $5  currency (ISO 4217)
--
-- Definitions (the rows' keys; every amount and count is defined in sql/marts/revenue_monthly.sql):
--   month     The month, written as its first day, in the business time zone (meta.settings).
--   segment   The customer's segment (consumer, smb, enterprise).
--   region    The customer's region.
--   currency  ISO 4217 code of every amount in the row; amounts are integer minor units of it.
--
-- Определения (ключи строк; все суммы и количества определены в sql/marts/revenue_monthly.sql):
--   month     Месяц, записанный своим первым днём, в часовом поясе компании (meta.settings).
--   segment   Сегмент клиента (consumer, smb, enterprise).
--   region    Регион клиента.
--   currency  Код ISO 4217 всех сумм строки; суммы — целые числа в минимальных единицах этой валюты.
select
  month, segment, region, currency,
  invoice_count, invoiced_minor, invoiced_net_minor, tax_minor,
  payment_count, collected_minor, refunds_minor, net_collected_minor, credit_notes_minor
from marts.revenue_monthly
where ($1::DATE is null or month >= $1::DATE)
  and ($2::DATE is null or month <= $2::DATE)
  and ($3::VARCHAR is null or segment = $3::VARCHAR)
  and ($4::VARCHAR is null or region = $4::VARCHAR)
  and ($5::VARCHAR is null or currency = $5::VARCHAR)
order by month, currency, segment, region
