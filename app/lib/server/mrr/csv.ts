import { minorToDecimalString } from '../../money.ts';
import { csvText } from '../csv.ts';
import type { MovementsInput } from './drill.ts';
import { settingsSearch } from '../../mrr/settings.ts';
import type { CohortCell, MovementCustomer, MrrInput, MrrPeriodRow } from './types.ts';

/**
 * CSV exports of the MRR figures. Money columns come twice: `<name>_minor` (integer minor units) and
 * `<name>` (exact decimal major units of the row's currency); rates as fractions. No floats for money.
 */

const money = (minor: bigint | null, currency: string) => (minor === null ? ['', ''] : [minor.toString(), minorToDecimalString(minor, currency)]);
const rate = (v: number | null) => (v === null ? '' : String(v));

const MONEY_COLUMNS = ['opening_mrr', 'new', 'reactivation', 'expansion', 'contraction', 'churn', 'net_change', 'mrr', 'arr', 'usage', 'arpu', 'ltv'] as const;

/** One row per period × currency × group, with the settings the figures were computed under. */
export function mrrPeriodsCsv(rows: readonly MrrPeriodRow[], input: MrrInput): string {
  const settings = Object.entries({ past_due_churn_days: 'off', usage_in_mrr: 'off', trials: 'exclude', free_plans: 'exclude', ...settingsSearch(input.settings) });
  const header = ['period', 'period_kind', 'first_month', 'last_month', 'currency', `group (${input.groupBy})`,
    ...MONEY_COLUMNS.flatMap((c) => [`${c}_minor`, c]),
    'opening_customers', 'new_customers', 'reactivated_customers', 'churned_customers', 'customers', 'paying_customers',
    'logo_churn_rate', 'revenue_churn_rate', 'net_revenue_churn_rate', 'grr', 'nrr', 'grr_12m', 'nrr_12m', 'change_mrr', 'change_customers', 'change_arpu',
    ...settings.map(([k]) => k)];
  return csvText([
    header,
    ...rows.map((r) => [
      r.period, input.period, r.firstMonth, r.lastMonth, r.currency, r.groupKey,
      ...[r.openingMrrMinor, r.newMinor, r.reactivationMinor, r.expansionMinor, r.contractionMinor, r.churnMinor, r.netChangeMinor, r.mrrMinor, r.arrMinor, r.usageMinor, r.arpuMinor, r.ltvMinor]
        .flatMap((m) => money(m, r.currency)),
      ...[r.openingCustomers, r.newCustomers, r.reactivatedCustomers, r.churnedCustomers, r.customers, r.payingCustomers].map(String),
      ...[r.logoChurnRate, r.revenueChurnRate, r.netRevenueChurnRate, r.grr, r.nrr, r.grr12m, r.nrr12m, r.changeMrr, r.changeCustomers, r.changeArpu].map(rate),
      ...settings.map(([, v]) => v),
    ]),
  ]);
}

export function mrrPeriodsCsvFilename(input: MrrInput, range: { from: string; to: string }): string {
  const parts = ['mrr', input.period, range.from, range.to, `by-${input.groupBy}`, ...Object.entries(input.filters).filter(([, v]) => v !== null).map(([k, v]) => `${k}-${v}`)];
  return `${parts.join('_').replace(/[^\w.-]+/g, '_')}.csv`;
}

/** The customers behind a bridge figure, one row per customer × month, events as text. */
export function movementsCsv(rows: readonly MovementCustomer[]): string {
  const header = ['month', 'customer_id', 'customer_name', 'segment', 'region', 'plan', 'currency', 'kind',
    'previous_mrr_minor', 'previous_mrr', 'mrr_minor', 'mrr', 'delta_minor', 'delta', 'usage_minor', 'trial_minor', 'max_days_past_due', 'past_due_churned', 'events'];
  return csvText([
    header,
    ...rows.map((r) => [
      r.month, r.customerId, r.customerName, r.segment, r.region, r.planCode ?? '', r.currency, r.kind,
      ...money(r.previousMrrMinor, r.currency), ...money(r.mrrMinor, r.currency), ...money(r.deltaMinor, r.currency),
      r.usageMinor.toString(), r.trialMinor.toString(), r.maxDaysPastDue === null ? '' : String(r.maxDaysPastDue), String(r.pastDueChurned),
      r.events.map((e) => `${e.at} ${e.event} ${e.planCode}${e.quantity === null ? '' : ` ×${e.quantity}`} (${e.subscriptionId})`).join('; '),
    ]),
  ]);
}

export function movementsCsvFilename(input: MovementsInput): string {
  const month = input.from === input.to ? input.from : `${input.from}_${input.to}`;
  return `mrr-movements_${month}_${input.filters.currency}_${input.kind ?? 'all'}.csv`;
}

/** One row per cohort × months since signup. */
export function cohortsCsv(cells: readonly CohortCell[]): string {
  return csvText([
    ['cohort', 'currency', 'age_months', 'customers', 'cohort_customers', 'logo_retention', 'mrr_minor', 'mrr', 'cohort_mrr_minor', 'cohort_mrr', 'revenue_retention'],
    ...cells.map((c) => [c.cohort, c.currency, String(c.age), String(c.customers), String(c.cohortCustomers), rate(c.logoRetention),
      ...money(c.mrrMinor, c.currency), ...money(c.cohortMrrMinor, c.currency), rate(c.revenueRetention)]),
  ]);
}
