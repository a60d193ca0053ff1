-- grain: one row per source row and contract rule it breaks (a row may break several)
-- source: raw.* — every row the billing database returned, as it returned it
--
-- The quarantine. Rows listed here are left out of every staging model and so of every figure;
-- they are counted per sync and shown with their reason. Rules I1–I4 are the accounting identities
-- of sql/source/contract.sql. A row whose parent is quarantined is quarantined too
-- (parent_quarantined), so no figure counts half an invoice.
with

iso_currencies as (select code from ref.iso_currencies),

allocated_per_invoice as (
  select invoice_id, sum(amount_minor) as allocated_minor from raw.payment_allocations group by invoice_id
),
allocated_per_payment as materialized (
  select payment_id, sum(amount_minor) as allocated_minor from raw.payment_allocations group by payment_id
),
credited_per_invoice as (
  select invoice_id, sum(amount_minor) as credited_minor from raw.credit_notes where status = 'issued' group by invoice_id
),
lines_per_invoice as materialized (
  select invoice_id, sum(amount_minor) as amount_minor, sum(tax_minor) as tax_minor from raw.invoice_lines group by invoice_id
),
-- materialized so the planner cannot join payments to invoices on the currency inequality alone
allocation_currencies as materialized (
  select a.id, a.invoice_id, p.currency as payment_currency
  from raw.payment_allocations a join raw.payments p on p.id = a.payment_id
),
invoice_balances as materialized (
  select
    i.id,
    i.total_minor,
    coalesce(a.allocated_minor, 0) as allocated_minor,
    coalesce(c.credited_minor, 0) as credited_minor,
    i.total_minor - coalesce(a.allocated_minor, 0) - coalesce(c.credited_minor, 0) as amount_due_minor
  from raw.invoices i
  left join allocated_per_invoice a on a.invoice_id = i.id
  left join credited_per_invoice c on c.invoice_id = i.id
),

-- grouping 64-bit hashes first is far cheaper than grouping the text ids; candidates are then confirmed
duplicate_ids as materialized (
  select 'customers' as table_name, id from raw.customers
    where hash(id) in (select h from (select hash(id) as h from raw.customers group by 1 having count(*) > 1)) group by id having count(*) > 1
  union all select 'plans' as table_name, id from raw.plans
    where hash(id) in (select h from (select hash(id) as h from raw.plans group by 1 having count(*) > 1)) group by id having count(*) > 1
  union all select 'subscriptions' as table_name, id from raw.subscriptions
    where hash(id) in (select h from (select hash(id) as h from raw.subscriptions group by 1 having count(*) > 1)) group by id having count(*) > 1
  union all select 'subscription_versions' as table_name, id from raw.subscription_versions
    where hash(id) in (select h from (select hash(id) as h from raw.subscription_versions group by 1 having count(*) > 1)) group by id having count(*) > 1
  union all select 'invoices' as table_name, id from raw.invoices
    where hash(id) in (select h from (select hash(id) as h from raw.invoices group by 1 having count(*) > 1)) group by id having count(*) > 1
  union all select 'invoice_lines' as table_name, id from raw.invoice_lines
    where hash(id) in (select h from (select hash(id) as h from raw.invoice_lines group by 1 having count(*) > 1)) group by id having count(*) > 1
  union all select 'payments' as table_name, id from raw.payments
    where hash(id) in (select h from (select hash(id) as h from raw.payments group by 1 having count(*) > 1)) group by id having count(*) > 1
  union all select 'payment_allocations' as table_name, id from raw.payment_allocations
    where hash(id) in (select h from (select hash(id) as h from raw.payment_allocations group by 1 having count(*) > 1)) group by id having count(*) > 1
  union all select 'credit_notes' as table_name, id from raw.credit_notes
    where hash(id) in (select h from (select hash(id) as h from raw.credit_notes group by 1 having count(*) > 1)) group by id having count(*) > 1
  union all select 'usage_records' as table_name, id from raw.usage_records
    where hash(id) in (select h from (select hash(id) as h from raw.usage_records group by 1 having count(*) > 1)) group by id having count(*) > 1
),

customer_rules as (
  select id, 'unknown_currency' as rule, 'currency ' || coalesce(currency, 'NULL') || ' is not an ISO 4217 code' as detail
  from raw.customers where currency not in (select code from iso_currencies) or currency is null
  union all
  select id, 'unknown_segment', 'segment ' || coalesce(segment, 'NULL') || ' is not consumer, smb or enterprise'
  from raw.customers where segment is null or segment not in ('consumer', 'smb', 'enterprise')
  union all
  select id, 'closed_before_created', 'closed_at is before created_at' from raw.customers where closed_at < created_at
),

plan_rules as (
  select id, 'unknown_currency' as rule, 'currency ' || coalesce(currency, 'NULL') || ' is not an ISO 4217 code' as detail
  from raw.plans where currency not in (select code from iso_currencies) or currency is null
  union all
  select id, 'unknown_kind', 'kind ' || coalesce(kind, 'NULL') || ' is not subscription, usage or hybrid'
  from raw.plans where kind is null or kind not in ('subscription', 'usage', 'hybrid')
  union all
  select id, 'invalid_billing_period', 'billing_period_months ' || coalesce(billing_period_months::varchar, 'NULL') || ' is not 1, 3, 6 or 12'
  from raw.plans where billing_period_months is null or billing_period_months not in (1, 3, 6, 12)
  union all
  select id, 'negative_price', 'price_minor is negative' from raw.plans where price_minor < 0
),

customer_quarantine as materialized (
  select id from customer_rules union select id from duplicate_ids where table_name = 'customers'
),
plan_quarantine as materialized (
  select id from plan_rules union select id from duplicate_ids where table_name = 'plans'
),

subscription_rules as (
  select r.id, 'orphan_customer' as rule, 'customer ' || customer_id || ' does not exist' as detail
  from raw.subscriptions r anti join raw.customers p on p.id = r.customer_id
  union all
  select r.id, 'orphan_plan', 'plan ' || plan_id || ' does not exist' from raw.subscriptions r anti join raw.plans p on p.id = r.plan_id
  union all
  select id, 'unknown_status', 'status ' || coalesce(status, 'NULL') || ' is not trialing, active, past_due or canceled'
  from raw.subscriptions where status is null or status not in ('trialing', 'active', 'past_due', 'canceled')
  union all
  select id, 'ended_before_started', 'ended_at is before started_at' from raw.subscriptions where ended_at < started_at
  union all
  select id, 'parent_quarantined', 'customer ' || customer_id || ' is quarantined'
  from raw.subscriptions where customer_id in (select id from customer_quarantine)
  union all
  select id, 'parent_quarantined', 'plan ' || plan_id || ' is quarantined' from raw.subscriptions where plan_id in (select id from plan_quarantine)
),
subscription_quarantine as materialized (
  select id from subscription_rules union select id from duplicate_ids where table_name = 'subscriptions'
),

subscription_version_rules as (
  select r.id, 'orphan_subscription' as rule, 'subscription ' || subscription_id || ' does not exist' as detail
  from raw.subscription_versions r anti join raw.subscriptions p on p.id = r.subscription_id
  union all
  select r.id, 'orphan_plan', 'plan ' || plan_id || ' does not exist' from raw.subscription_versions r anti join raw.plans p on p.id = r.plan_id
  union all
  select id, 'unknown_currency', 'currency ' || coalesce(currency, 'NULL') || ' is not an ISO 4217 code'
  from raw.subscription_versions where currency not in (select code from iso_currencies) or currency is null
  union all
  select id, 'negative_price', 'price_minor or discount_minor is negative' from raw.subscription_versions where price_minor < 0 or discount_minor < 0
  union all
  select id, 'non_positive_quantity', 'quantity is ' || quantity from raw.subscription_versions where quantity <= 0
  union all
  select id, 'invalid_validity', 'valid_to is before valid_from' from raw.subscription_versions where valid_to < valid_from
  union all
  select id, 'parent_quarantined', 'subscription ' || subscription_id || ' is quarantined'
  from raw.subscription_versions where subscription_id in (select id from subscription_quarantine)
),

invoice_rules as (
  select r.id, 'orphan_customer' as rule, 'customer ' || customer_id || ' does not exist' as detail
  from raw.invoices r anti join raw.customers p on p.id = r.customer_id
  union all
  select id, 'unknown_currency', 'currency ' || coalesce(currency, 'NULL') || ' is not an ISO 4217 code'
  from raw.invoices where currency not in (select code from iso_currencies) or currency is null
  union all
  select id, 'unknown_status', 'status ' || coalesce(status, 'NULL') || ' is not draft, open, paid, void or uncollectible'
  from raw.invoices where status is null or status not in ('draft', 'open', 'paid', 'void', 'uncollectible')
  union all
  select id, 'negative_total', 'total_minor is ' || total_minor from raw.invoices where total_minor < 0
  union all
  select id, 'due_before_issue', 'due_at ' || due_at::varchar || ' is before issued_at ' || issued_at::varchar from raw.invoices where due_at < issued_at
  union all
  select id, 'duplicate_number', 'number ' || number || ' is used by ' || count(*) over (partition by number) || ' invoices'
  from raw.invoices qualify count(*) over (partition by number) > 1
  union all
  -- I1
  select id, 'total_mismatch', 'total ' || total_minor || ' <> subtotal ' || subtotal_minor || ' + tax ' || tax_minor || ' - credits applied ' || credits_applied_minor
  from raw.invoices where total_minor <> subtotal_minor + tax_minor - credits_applied_minor
  union all
  -- I2
  select i.id, 'lines_mismatch', 'lines sum to ' || l.amount_minor || ' + tax ' || l.tax_minor || ', invoice says ' || i.subtotal_minor || ' + tax ' || i.tax_minor
  from raw.invoices i join lines_per_invoice l on l.invoice_id = i.id
  where l.amount_minor <> i.subtotal_minor or l.tax_minor <> i.tax_minor
  union all
  -- I4
  select id, 'overpaid_invoice', 'allocations ' || allocated_minor || ' + credit notes ' || credited_minor || ' exceed total ' || total_minor
  from invoice_balances where amount_due_minor < 0 and total_minor >= 0
  union all
  select b.id, 'paid_with_balance', 'status is paid but ' || b.amount_due_minor || ' is still due'
  from invoice_balances b join raw.invoices i using (id) where i.status = 'paid' and b.amount_due_minor <> 0
  union all
  select id, 'parent_quarantined', 'customer ' || customer_id || ' is quarantined' from raw.invoices where customer_id in (select id from customer_quarantine)
),
invoice_quarantine as materialized (
  select id from invoice_rules union select id from duplicate_ids where table_name = 'invoices'
),

invoice_line_rules as (
  select r.id, 'orphan_invoice' as rule, 'invoice ' || invoice_id || ' does not exist' as detail
  from raw.invoice_lines r anti join raw.invoices p on p.id = r.invoice_id
  union all
  select id, 'unknown_kind', 'kind ' || coalesce(kind, 'NULL') || ' is not recurring, usage, one_off, discount or late_fee'
  from raw.invoice_lines where kind is null or kind not in ('recurring', 'usage', 'one_off', 'discount', 'late_fee')
  union all
  select id, 'parent_quarantined', 'invoice ' || invoice_id || ' is quarantined' from raw.invoice_lines where invoice_id in (select id from invoice_quarantine)
),

payment_rules as (
  select r.id, 'orphan_customer' as rule, 'customer ' || customer_id || ' does not exist' as detail
  from raw.payments r anti join raw.customers p on p.id = r.customer_id
  union all
  select id, 'unknown_currency', 'currency ' || coalesce(currency, 'NULL') || ' is not an ISO 4217 code'
  from raw.payments where currency not in (select code from iso_currencies) or currency is null
  union all
  select id, 'unknown_status', 'status ' || coalesce(status, 'NULL') || ' is not pending, succeeded, failed, refunded or charged_back'
  from raw.payments where status is null or status not in ('pending', 'succeeded', 'failed', 'refunded', 'charged_back')
  union all
  select id, 'non_positive_amount', 'amount_minor is ' || amount_minor from raw.payments where amount_minor <= 0
  union all
  select id, 'refund_exceeds_amount', 'refunded ' || refunded_minor || ' of ' || amount_minor from raw.payments where refunded_minor < 0 or refunded_minor > amount_minor
  union all
  -- I3
  select p.id, 'overallocated_payment', 'allocations ' || a.allocated_minor || ' exceed amount ' || p.amount_minor || ' - refunded ' || p.refunded_minor
  from raw.payments p join allocated_per_payment a on a.payment_id = p.id where a.allocated_minor > p.amount_minor - p.refunded_minor
  union all
  select id, 'parent_quarantined', 'customer ' || customer_id || ' is quarantined' from raw.payments where customer_id in (select id from customer_quarantine)
),
payment_quarantine as materialized (
  select id from payment_rules union select id from duplicate_ids where table_name = 'payments'
),

payment_allocation_rules as (
  select r.id, 'orphan_payment' as rule, 'payment ' || payment_id || ' does not exist' as detail
  from raw.payment_allocations r anti join raw.payments p on p.id = r.payment_id
  union all
  select r.id, 'orphan_invoice', 'invoice ' || invoice_id || ' does not exist' from raw.payment_allocations r anti join raw.invoices p on p.id = r.invoice_id
  union all
  select id, 'non_positive_amount', 'amount_minor is ' || amount_minor from raw.payment_allocations where amount_minor <= 0
  union all
  select a.id, 'currency_mismatch', 'payment in ' || a.payment_currency || ' allocated to an invoice in ' || i.currency
  from allocation_currencies a join raw.invoices i on i.id = a.invoice_id
  where a.payment_currency <> i.currency
  union all
  select id, 'parent_quarantined', 'payment ' || payment_id || ' is quarantined'
  from raw.payment_allocations where payment_id in (select id from payment_quarantine)
  union all
  select id, 'parent_quarantined', 'invoice ' || invoice_id || ' is quarantined'
  from raw.payment_allocations where invoice_id in (select id from invoice_quarantine)
),

credit_note_rules as (
  select r.id, 'orphan_invoice' as rule, 'invoice ' || invoice_id || ' does not exist' as detail
  from raw.credit_notes r anti join raw.invoices p on p.id = r.invoice_id
  union all
  select id, 'unknown_currency', 'currency ' || coalesce(currency, 'NULL') || ' is not an ISO 4217 code'
  from raw.credit_notes where currency not in (select code from iso_currencies) or currency is null
  union all
  select id, 'unknown_status', 'status ' || coalesce(status, 'NULL') || ' is not issued or void' from raw.credit_notes where status is null or status not in ('issued', 'void')
  union all
  select id, 'non_positive_amount', 'amount_minor is ' || amount_minor from raw.credit_notes where amount_minor <= 0
  union all
  select c.id, 'currency_mismatch', 'credit note in ' || c.currency || ' for an invoice in ' || i.currency
  from raw.credit_notes c join raw.invoices i on i.id = c.invoice_id where c.currency <> i.currency
  union all
  select id, 'parent_quarantined', 'invoice ' || invoice_id || ' is quarantined' from raw.credit_notes where invoice_id in (select id from invoice_quarantine)
),

usage_record_rules as (
  select r.id, 'orphan_customer' as rule, 'customer ' || customer_id || ' does not exist' as detail
  from raw.usage_records r anti join raw.customers p on p.id = r.customer_id
  union all
  select id, 'negative_quantity', 'quantity is ' || quantity::varchar from raw.usage_records where quantity < 0
  union all
  select id, 'invalid_bucket', 'bucket_hours ' || bucket_hours || ' is not 1 or 24' from raw.usage_records where bucket_hours not in (1, 24)
  union all
  select id, 'parent_quarantined', 'customer ' || customer_id || ' is quarantined' from raw.usage_records where customer_id in (select id from customer_quarantine)
),

all_violations as (
  select 'customers' as table_name, * from customer_rules
  union all select 'plans', * from plan_rules
  union all select 'subscriptions', * from subscription_rules
  union all select 'subscription_versions', * from subscription_version_rules
  union all select 'invoices', * from invoice_rules
  union all select 'invoice_lines', * from invoice_line_rules
  union all select 'payments', * from payment_rules
  union all select 'payment_allocations', * from payment_allocation_rules
  union all select 'credit_notes', * from credit_note_rules
  union all select 'usage_records', * from usage_record_rules
  union all select table_name, id, 'duplicate_id', 'id appears more than once' from duplicate_ids
)

select table_name, id as row_id, rule, detail from all_violations
