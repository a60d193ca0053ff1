import type { DuckDBValue } from '@duckdb/node-api';
import type { Warehouse } from '../../../../pipelines/warehouse/connection.ts';
import { sqlQuery } from '../../../../pipelines/warehouse/sql-files.ts';
import { monthStartDate, type MonthString } from '../../months.ts';
import type { AdoptionMonth, CombinationRow, FrequencyRow, MigrationRow, PlanMixRow, TierRow } from '../../preferences/types.ts';
import type { ReportFilters } from '../../report-filters.ts';

export type WarehouseReader = Pick<Warehouse, 'query'>;

/** $1 first month, $2 last month, $3 segment, $4 region. */
export function periodParams(filters: ReportFilters): DuckDBValue[] {
  return [monthStartDate(filters.from), monthStartDate(filters.to), filters.segment, filters.region];
}

/** $1 the period's last month, $2 segment, $3 region: the month-end snapshot queries. */
function monthEndParams(filters: ReportFilters): DuckDBValue[] {
  return [monthStartDate(filters.to), filters.segment, filters.region];
}

/** The latest month of the plan-mix calendar; null before any subscription. */
export async function queryLatestPlanMonth(warehouse: WarehouseReader): Promise<MonthString | null> {
  const [row] = await warehouse.query<{ latest: string | null }>(`select strftime(max(month), '%Y-%m') as latest from intermediate.int_report_months`);
  return (row?.latest ?? null) as MonthString | null;
}

export async function queryPreferenceDimensions(warehouse: WarehouseReader): Promise<{ segments: string[]; regions: string[] }> {
  const rows = await warehouse.query<{ kind: string; value: string }>(
    `select distinct 'segment' as kind, segment as value from marts.addon_adoption_monthly
     union select distinct 'region', region from marts.addon_adoption_monthly order by 1, 2`,
  );
  return { segments: rows.filter((r) => r.kind === 'segment').map((r) => r.value), regions: rows.filter((r) => r.kind === 'region').map((r) => r.value) };
}

export async function queryPlanMix(warehouse: WarehouseReader, filters: ReportFilters): Promise<PlanMixRow[]> {
  const rows = await warehouse.query<{
    month: MonthString; plan_code: string; plan_name: string; family: string; tier: number; subscriptions: bigint; share: number;
    quantity: bigint; customers: bigint; upgraded_subscriptions: bigint;
  }>(sqlQuery('preferences_plan_mix'), periodParams(filters));
  return rows.map((r) => ({
    month: r.month, planCode: r.plan_code, planName: r.plan_name, family: r.family, tier: r.tier, subscriptions: r.subscriptions,
    share: r.share, quantity: r.quantity, customers: r.customers, upgradedSubscriptions: r.upgraded_subscriptions,
  }));
}

export async function queryMigrations(warehouse: WarehouseReader, filters: ReportFilters): Promise<MigrationRow[]> {
  const rows = await warehouse.query<{
    from_plan_code: string | null; to_plan_code: string | null; subscriptions: bigint; upgrades: bigint; downgrades: bigint; reactivations: bigint;
  }>(sqlQuery('preferences_migrations'), periodParams(filters));
  return rows.map((r) => ({
    fromPlanCode: r.from_plan_code, toPlanCode: r.to_plan_code, subscriptions: r.subscriptions,
    upgrades: r.upgrades, downgrades: r.downgrades, reactivations: r.reactivations,
  }));
}

export async function queryServiceFrequency(warehouse: WarehouseReader, filters: ReportFilters): Promise<FrequencyRow[]> {
  const rows = await warehouse.query<{
    service: string; unit: string; active_days: number; customer_months: bigint; customer_months_at_least: bigint; in_service: bigint; share_at_least: number | null;
  }>(sqlQuery('preferences_service_frequency'), periodParams(filters));
  return rows.map((r) => ({
    service: r.service, unit: r.unit, activeDays: r.active_days, customerMonths: r.customer_months,
    customerMonthsAtLeast: r.customer_months_at_least, inService: r.in_service, shareAtLeast: r.share_at_least,
  }));
}

export async function queryAddonAdoption(warehouse: WarehouseReader, filters: ReportFilters): Promise<AdoptionMonth[]> {
  const rows = await warehouse.query<{
    month: MonthString; customers: bigint; multi_subscription: bigint; multi_family: bigint; multi_subscription_share: number; add_on_share: number;
  }>(sqlQuery('preferences_addon_adoption'), periodParams(filters));
  return rows.map((r) => ({
    month: r.month, customers: r.customers, multiSubscription: r.multi_subscription, multiFamily: r.multi_family,
    multiSubscriptionShare: r.multi_subscription_share, addOnShare: r.add_on_share,
  }));
}

export async function queryCombinations(warehouse: WarehouseReader, filters: ReportFilters): Promise<CombinationRow[]> {
  return warehouse.query<CombinationRow>(sqlQuery('preferences_combinations'), monthEndParams(filters));
}

export async function queryTierMix(warehouse: WarehouseReader, filters: ReportFilters): Promise<TierRow[]> {
  const rows = await warehouse.query<{
    family: string; tier: number; plan_code: string; plan_name: string; subscriptions: bigint; share_of_family: number;
    upgraded_subscriptions: bigint; upgraded_share: number;
  }>(sqlQuery('preferences_tier_mix'), monthEndParams(filters));
  return rows.map((r) => ({
    family: r.family, tier: r.tier, planCode: r.plan_code, planName: r.plan_name, subscriptions: r.subscriptions,
    shareOfFamily: r.share_of_family, upgradedSubscriptions: r.upgraded_subscriptions, upgradedShare: r.upgraded_share,
  }));
}
