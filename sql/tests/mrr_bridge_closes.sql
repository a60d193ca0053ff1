-- The MRR bridge closes for every month × currency (default settings: recurring MRR of converted
-- subscriptions): MRR at the previous close + new + reactivation + expansion − contraction − churn
-- = MRR at this close, where the previous close's MRR is summed from that month's own rows and the
-- movements from each row's prev_recurring_minor. Fails if the mart loses or doubles a row.
with
rows as (
  select month, customer_id, currency, recurring_minor as mrr, prev_recurring_minor as prev
  from marts.mrr_customer_months where not by_plan
),
movements as (
  select month, currency,
    sum(case when prev = 0 and mrr > 0 then mrr else 0 end) as gained,
    sum(case when prev > 0 and mrr > prev then mrr - prev else 0 end) as expansion,
    sum(case when mrr > 0 and mrr < prev then prev - mrr else 0 end) as contraction,
    sum(case when prev > 0 and mrr = 0 then prev else 0 end) as churn
  from rows group by all
),
totals as (select month, currency, sum(mrr) as mrr from rows group by all),
closes as (select month from intermediate.int_mrr_month_closes)
select m.month, m.currency, p.mrr as opening, t.mrr as closing, m.gained, m.expansion, m.contraction, m.churn
from movements m
join totals t using (month, currency)
left join totals p on p.currency = m.currency and p.month = m.month - interval 1 month
where coalesce(p.mrr, 0) + m.gained + m.expansion - m.contraction - m.churn <> t.mrr
   or m.month not in (select month from closes)
