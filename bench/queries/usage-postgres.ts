/**
 * The usage and preferences pages' figures computed straight from the billing tables on PostgreSQL
 * (no warehouse, no marts), for the bench to time against the warehouse API: the same definitions
 * as sql/queries/usage_*.sql and preferences_*.sql over billing.*, bucketed in the business time
 * zone ($tz). Every query takes bound parameters only. tests/usage/postgres-equivalents.test.ts
 * checks that they give the warehouse's figures on the hand-made fixture.
 *
 * Product families come from sql/seeds/plan_families.csv, passed as two text arrays (codes, families)
 * and a tier array, so Postgres needs no table of its own.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PostgresBenchQuery {
  /** The warehouse query (sql/queries/<name>.sql) it stands for. */
  readonly name: string;
  /** The API route whose answer it reproduces. */
  readonly endpoint: string;
  readonly sql: string;
  readonly params: unknown[];
}

export interface UsageBenchFilters {
  readonly service: string;
  readonly unit: string;
  /** YYYY-MM, both included. */
  readonly from: string;
  readonly to: string;
  readonly segment: string | null;
  readonly region: string | null;
  readonly top: number;
}

// $1 service, $2 unit, $3 first month, $4 last month, $5 segment, $6 region, $7 time zone
const USAGE_IN_PERIOD = `
  select r.customer_id, r.bucket_hours, r.quantity, (r.bucket_start at time zone $7) as local_start
  from billing.usage_records r
  join billing.customers c on c.id = r.customer_id
  where r.service = $1 and r.unit = $2
    and r.bucket_start >= ($3::date::timestamp at time zone $7)
    and r.bucket_start < (($4::date + interval '1 month')::timestamp at time zone $7)
    and ($5::text is null or c.segment = $5) and ($6::text is null or c.region = $6)`;

export const POSTGRES_USAGE_HEATMAP = `
with u as (${USAGE_IN_PERIOD}),
cells as (
  select extract(isodow from local_start)::int as iso_weekday, extract(hour from local_start)::int as local_hour, sum(quantity) as quantity
  from u where bucket_hours = 1 group by 1, 2
)
select iso_weekday, local_hour, quantity::text as quantity, (quantity / sum(quantity) over ())::float8 as share
from cells order by 1, 2`;

export const POSTGRES_USAGE_PEAK_HOURS = `
with u as (${USAGE_IN_PERIOD}),
hours as (
  select local_start::date as local_date, extract(hour from local_start)::int as local_hour, sum(quantity) as quantity
  from u where bucket_hours = 1 group by 1, 2
),
ranked as (
  select *, quantity / sum(quantity) over () as share, row_number() over (order by quantity desc, local_date, local_hour) as rank from hours
)
select rank::int, local_date::text, local_hour, quantity::text as quantity, share::float8 from ranked where rank <= $8 order by rank`;

export const POSTGRES_USAGE_DAY_OF_MONTH = `
with u as (${USAGE_IN_PERIOD}),
calendar as (
  select extract(day from d)::int as day_of_month, count(*)::int as months
  from generate_series($3::date, $4::date + interval '1 month' - interval '1 day', interval '1 day') as d group by 1
),
usage as (select extract(day from local_start)::int as day_of_month, sum(quantity) as quantity from u group by 1)
select c.day_of_month, c.months, coalesce(u.quantity, 0)::text as quantity, (coalesce(u.quantity, 0) / c.months)::float8 as mean_per_day
from calendar c left join usage u using (day_of_month) order by 1`;

export const POSTGRES_USAGE_MONTHLY = `
with u as (${USAGE_IN_PERIOD})
select to_char(date_trunc('month', local_start), 'YYYY-MM') as month, sum(quantity)::text as quantity,
  coalesce(sum(quantity) filter (where bucket_hours = 1), 0)::text as hourly_quantity,
  coalesce(sum(quantity) filter (where bucket_hours = 24), 0)::text as daily_quantity,
  count(*) as records
from u group by 1 order by 1`;

export const POSTGRES_USAGE_TOP_CONSUMERS = `
with u as (${USAGE_IN_PERIOD}),
monthly as (
  select customer_id, date_trunc('month', local_start) as month, sum(quantity) as quantity,
    count(distinct local_start::date) filter (where quantity > 0) as active_days
  from u group by 1, 2
),
per_customer as (
  select customer_id, sum(quantity) as quantity, count(*) filter (where quantity > 0) as active_months, sum(active_days) as active_days
  from monthly group by 1
),
ranked as (select *, quantity / sum(quantity) over () as share, row_number() over (order by quantity desc, customer_id) as rank from per_customer)
select r.rank::int, r.customer_id, c.name, r.quantity::text as quantity, r.share::float8, r.active_months::int, r.active_days::int
from ranked r join billing.customers c on c.id = r.customer_id where r.rank <= $8 order by r.rank`;

export const POSTGRES_USAGE_PER_CUSTOMER = `
with u as (${USAGE_IN_PERIOD}),
monthly as (select customer_id, date_trunc('month', local_start) as month, sum(quantity) as quantity from u group by 1, 2)
select to_char(month, 'YYYY-MM') as month, count(*) as active_customers, sum(quantity)::text as total_quantity,
  (sum(quantity) / count(*))::float8 as mean_quantity,
  percentile_cont(0.5) within group (order by quantity::float8) as median_quantity,
  percentile_cont(0.9) within group (order by quantity::float8) as p90_quantity
from monthly where quantity > 0 group by month order by month`;

// $1 first month, $2 last month, $3 segment, $4 region, $5 time zone, $6 plan codes, $7 families, $8 tiers
const VERSIONS = `
  families as (select * from unnest($6::text[], $7::text[], $8::int[]) as f(plan_code, family, tier)),
  versions as (
    select v.id, v.subscription_id, s.customer_id, c.segment, c.region, p.code as plan_code, p.name as plan_name,
      coalesce(f.family, p.code) as family, coalesce(f.tier, 1) as tier, v.quantity, v.change_kind, v.valid_from, v.valid_to,
      (v.valid_from at time zone $5) as valid_from_local, (v.valid_to at time zone $5) as valid_to_local,
      lag(p.code) over w as previous_plan_code,
      lead(v.id) over w is null as is_last,
      bool_or(v.change_kind = 'upgrade') over (w rows between unbounded preceding and current row) as ever_upgraded
    from billing.subscription_versions v
    join billing.subscriptions s on s.id = v.subscription_id
    join billing.customers c on c.id = s.customer_id
    join billing.plans p on p.id = v.plan_id
    left join families f on f.plan_code = p.code
    window w as (partition by v.subscription_id order by v.valid_from, v.id)
  ),
  filtered as (select * from versions where ($3::text is null or segment = $3) and ($4::text is null or region = $4)),
  months as (select m::date as month, (m + interval '1 month') as next_month_start from generate_series($1::date, $2::date, interval '1 month') as m)`;

export const POSTGRES_PLAN_MIX = `
with ${VERSIONS},
held as (
  select m.month, v.* from months m join filtered v
    on v.valid_from_local < m.next_month_start and (v.valid_to_local is null or v.valid_to_local >= m.next_month_start)
),
plans as (
  select month, plan_code, min(plan_name) as plan_name, min(family) as family, min(tier) as tier, count(*) as subscriptions,
    sum(quantity) as quantity, count(distinct customer_id) as customers, count(*) filter (where ever_upgraded) as upgraded_subscriptions
  from held group by month, plan_code
)
select to_char(month, 'YYYY-MM') as month, plan_code, plan_name, family, tier, subscriptions,
  (subscriptions::numeric / sum(subscriptions) over (partition by month))::float8 as share, quantity, customers, upgraded_subscriptions
from plans order by month, family, tier, plan_code`;

export const POSTGRES_MIGRATIONS = `
with ${VERSIONS},
events as (
  select date_trunc('month', valid_from_local) as month, previous_plan_code as from_plan_code, plan_code as to_plan_code, change_kind
  from filtered where previous_plan_code is null or previous_plan_code <> plan_code
  union all
  select date_trunc('month', valid_to_local), plan_code, null, 'end' from filtered where is_last and valid_to is not null
)
select from_plan_code, to_plan_code, count(*) as subscriptions,
  count(*) filter (where change_kind = 'upgrade') as upgrades, count(*) filter (where change_kind = 'downgrade') as downgrades,
  count(*) filter (where change_kind = 'reactivation') as reactivations
from events where month >= $1::date and month <= $2::date
group by 1, 2 order by from_plan_code nulls first, to_plan_code nulls last`;

const HELD_BY_CUSTOMER = `
held as (
  select m.month, v.customer_id, count(*) as subscriptions, count(distinct v.family) as families,
    string_agg(v.family, ' + ' order by v.family) as combination
  from months m join filtered v
    on v.valid_from_local < m.next_month_start and (v.valid_to_local is null or v.valid_to_local >= m.next_month_start)
  group by m.month, v.customer_id
)`;

export const POSTGRES_ADDON_ADOPTION = `
with ${VERSIONS}, ${HELD_BY_CUSTOMER}
select to_char(month, 'YYYY-MM') as month, count(*) as customers,
  count(*) filter (where subscriptions >= 2) as multi_subscription, count(*) filter (where families >= 2) as multi_family,
  (count(*) filter (where subscriptions >= 2)::numeric / count(*))::float8 as multi_subscription_share,
  (count(*) filter (where families >= 2)::numeric / count(*))::float8 as add_on_share
from held group by month order by month`;

export const POSTGRES_COMBINATIONS = `
with ${VERSIONS}, ${HELD_BY_CUSTOMER}
select combination, count(*) as customers, (count(*)::numeric / sum(count(*)) over ())::float8 as share
from held where month = $2::date group by combination order by customers desc, combination`;

export const POSTGRES_TIER_MIX = `
with ${VERSIONS},
held as (
  select v.* from filtered v, months m
  where m.month = $2::date and v.valid_from_local < m.next_month_start and (v.valid_to_local is null or v.valid_to_local >= m.next_month_start)
),
plans as (
  select family, tier, plan_code, count(*) as subscriptions, count(*) filter (where ever_upgraded) as upgraded_subscriptions
  from held group by 1, 2, 3
)
select family, tier, plan_code, subscriptions, (subscriptions::numeric / sum(subscriptions) over (partition by family))::float8 as share_of_family,
  upgraded_subscriptions, (upgraded_subscriptions::numeric / subscriptions)::float8 as upgraded_share
from plans order by family, tier, plan_code`;

// $1 first month, $2 last month, $3 segment, $4 region, $5 time zone, $6–$8 families (unused here but kept in one order)
export const POSTGRES_SERVICE_FREQUENCY = `
with ${VERSIONS},
in_service as (
  select count(*) as customer_months from (
    select distinct m.month, v.customer_id from months m join filtered v
      on v.valid_from_local < m.next_month_start and (v.valid_to_local is null or v.valid_to_local > m.month::timestamp)
  ) x
),
days as (
  select r.service, r.unit, r.customer_id, date_trunc('month', r.bucket_start at time zone $5) as month,
    count(distinct (r.bucket_start at time zone $5)::date) filter (where r.quantity > 0) as active_days
  from billing.usage_records r join billing.customers c on c.id = r.customer_id
  where r.bucket_start >= ($1::date::timestamp at time zone $5) and r.bucket_start < (($2::date + interval '1 month')::timestamp at time zone $5)
    and ($3::text is null or c.segment = $3) and ($4::text is null or c.region = $4)
  group by 1, 2, 3, 4
),
distribution as (select service, unit, active_days::int as active_days, count(*) as customer_months from days where active_days > 0 group by 1, 2, 3)
select d.service, d.unit, d.active_days, d.customer_months,
  sum(d.customer_months) over (partition by d.service, d.unit order by d.active_days desc) as customer_months_at_least,
  s.customer_months as in_service,
  (sum(d.customer_months) over (partition by d.service, d.unit order by d.active_days desc)::numeric / nullif(s.customer_months, 0))::float8 as share_at_least
from distribution d cross join in_service s order by 1, 2, 3`;

/** sql/seeds/plan_families.csv as the three arrays the preference queries bind. */
export function planFamilyArrays(seedFile = fileURLToPath(new URL('../../sql/seeds/plan_families.csv', import.meta.url))): [string[], string[], number[]] {
  const rows = fs.readFileSync(path.resolve(seedFile), 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(','));
  return [rows.map((r) => r[0]!), rows.map((r) => r[1]!), rows.map((r) => Number(r[2]))];
}

const monthStart = (month: string) => `${month}-01`;

/** Every query the usage API runs, with its parameters, as the Postgres equivalent. */
export function usagePostgresQueries(f: UsageBenchFilters, timezone: string): PostgresBenchQuery[] {
  const base = [f.service, f.unit, monthStart(f.from), monthStart(f.to), f.segment, f.region, timezone];
  return [
    { name: 'usage_heatmap', endpoint: '/api/v1/usage/heatmap', sql: POSTGRES_USAGE_HEATMAP, params: base },
    { name: 'usage_monthly', endpoint: '/api/v1/usage/heatmap', sql: POSTGRES_USAGE_MONTHLY, params: base },
    { name: 'usage_heatmap', endpoint: '/api/v1/usage/peaks', sql: POSTGRES_USAGE_HEATMAP, params: base },
    { name: 'usage_peak_hours', endpoint: '/api/v1/usage/peaks', sql: POSTGRES_USAGE_PEAK_HOURS, params: [...base, f.top] },
    { name: 'usage_day_of_month', endpoint: '/api/v1/usage/patterns', sql: POSTGRES_USAGE_DAY_OF_MONTH, params: base },
    { name: 'usage_monthly', endpoint: '/api/v1/usage/patterns', sql: POSTGRES_USAGE_MONTHLY, params: base },
    { name: 'usage_per_customer_trend', endpoint: '/api/v1/usage/patterns', sql: POSTGRES_USAGE_PER_CUSTOMER, params: base },
    { name: 'usage_top_consumers', endpoint: '/api/v1/usage/top-consumers', sql: POSTGRES_USAGE_TOP_CONSUMERS, params: [...base, f.top] },
  ];
}

/** Every query the preferences API runs, with its parameters, as the Postgres equivalent. */
export function preferencesPostgresQueries(f: Omit<UsageBenchFilters, 'service' | 'unit' | 'top'>, timezone: string): PostgresBenchQuery[] {
  const params = [monthStart(f.from), monthStart(f.to), f.segment, f.region, timezone, ...planFamilyArrays()];
  return [
    { name: 'preferences_plan_mix', endpoint: '/api/v1/preferences/plan-mix', sql: POSTGRES_PLAN_MIX, params },
    { name: 'preferences_tier_mix', endpoint: '/api/v1/preferences/plan-mix', sql: POSTGRES_TIER_MIX, params },
    { name: 'preferences_migrations', endpoint: '/api/v1/preferences/migrations', sql: POSTGRES_MIGRATIONS, params },
    { name: 'preferences_addon_adoption', endpoint: '/api/v1/preferences/adoption', sql: POSTGRES_ADDON_ADOPTION, params },
    { name: 'preferences_combinations', endpoint: '/api/v1/preferences/adoption', sql: POSTGRES_COMBINATIONS, params },
    { name: 'preferences_service_frequency', endpoint: '/api/v1/preferences/adoption', sql: POSTGRES_SERVICE_FREQUENCY, params },
  ];
}
