import type { AdoptionMonth, CombinationRow, FrequencyRow, MigrationRow, PlanMixRow, TierRow } from '../../preferences/types.ts';
import type { ReportFilters } from '../../report-filters.ts';
import { csvText } from '../csv.ts';

/**
 * CSV exports of the preference figures: every file starts with segment and region ("all" when not
 * filtered). A migration's empty from/to plan is written "(start)" / "(end)". Shares are fractions 0–1.
 */

const HEADER = ['segment', 'region'];
const dims = (f: ReportFilters) => [f.segment ?? 'all', f.region ?? 'all'];
const fraction = (share: number | null) => (share === null ? '' : share.toFixed(6));

export function planMixCsv(filters: ReportFilters, rows: readonly PlanMixRow[]): string {
  return csvText([
    [...HEADER, 'month', 'plan_code', 'plan_name', 'family', 'tier', 'subscriptions', 'share', 'quantity', 'customers', 'upgraded_subscriptions'],
    ...rows.map((r) => [...dims(filters), r.month, r.planCode, r.planName, r.family, String(r.tier), r.subscriptions.toString(), fraction(r.share),
      r.quantity.toString(), r.customers.toString(), r.upgradedSubscriptions.toString()]),
  ]);
}

export function migrationsCsv(filters: ReportFilters, rows: readonly MigrationRow[]): string {
  return csvText([
    [...HEADER, 'from', 'to', 'from_plan_code', 'to_plan_code', 'subscriptions', 'upgrades', 'downgrades', 'reactivations'],
    ...rows.map((r) => [...dims(filters), filters.from, filters.to, r.fromPlanCode ?? '(start)', r.toPlanCode ?? '(end)', r.subscriptions.toString(),
      r.upgrades.toString(), r.downgrades.toString(), r.reactivations.toString()]),
  ]);
}

export function frequencyCsv(filters: ReportFilters, rows: readonly FrequencyRow[]): string {
  return csvText([
    [...HEADER, 'from', 'to', 'service', 'unit', 'active_days', 'customer_months', 'customer_months_at_least', 'in_service', 'share_at_least'],
    ...rows.map((r) => [...dims(filters), filters.from, filters.to, r.service, r.unit, String(r.activeDays), r.customerMonths.toString(),
      r.customerMonthsAtLeast.toString(), r.inService.toString(), fraction(r.shareAtLeast)]),
  ]);
}

export function adoptionCsv(filters: ReportFilters, rows: readonly AdoptionMonth[]): string {
  return csvText([
    [...HEADER, 'month', 'customers', 'multi_subscription', 'multi_family', 'multi_subscription_share', 'add_on_share'],
    ...rows.map((r) => [...dims(filters), r.month, r.customers.toString(), r.multiSubscription.toString(), r.multiFamily.toString(),
      fraction(r.multiSubscriptionShare), fraction(r.addOnShare)]),
  ]);
}

export function combinationsCsv(filters: ReportFilters, rows: readonly CombinationRow[]): string {
  return csvText([
    [...HEADER, 'month_end', 'combination', 'families', 'subscriptions', 'customers', 'share'],
    ...rows.map((r) => [...dims(filters), filters.to, r.combination, String(r.families), String(r.subscriptions), r.customers.toString(), fraction(r.share)]),
  ]);
}

export function tiersCsv(filters: ReportFilters, rows: readonly TierRow[]): string {
  return csvText([
    [...HEADER, 'month_end', 'family', 'tier', 'plan_code', 'plan_name', 'subscriptions', 'share_of_family', 'upgraded_subscriptions', 'upgraded_share'],
    ...rows.map((r) => [...dims(filters), filters.to, r.family, String(r.tier), r.planCode, r.planName, r.subscriptions.toString(), fraction(r.shareOfFamily),
      r.upgradedSubscriptions.toString(), fraction(r.upgradedShare)]),
  ]);
}

export function preferencesCsvFilename(what: string, filters: ReportFilters): string {
  return `preferences-${what}_${filters.from}_${filters.to}.csv`;
}
