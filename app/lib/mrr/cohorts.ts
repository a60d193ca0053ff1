import { intlLocale } from '../i18n/locale.ts';
import { m } from '../paraglide/messages.js';
import type { CohortHeatmapCell } from '../charts/cohort-heatmap-option.ts';
import { formatMoney } from '../money.ts';
import type { CohortCell } from '../server/mrr/types.ts';
import { periodLabel } from './display.ts';

/** The heatmap cells of the logo and the revenue cohort tables of one currency, oldest cohort first. */
export function cohortHeatmaps(cells: readonly CohortCell[], currency: string, locale = intlLocale()) {
  const own = cells.filter((c) => c.currency === currency);
  const cohorts = [...new Set(own.map((c) => c.cohort))].sort().map((c) => periodLabel(c, 'month'));
  const logo: CohortHeatmapCell[] = own.map((c) => ({
    cohortLabel: periodLabel(c.cohort, 'month'), age: c.age, rate: c.logoRetention,
    detail: m.rv_cohort_customers_detail({ customers: c.customers, total: c.cohortCustomers }),
  }));
  const money = (minor: bigint) => formatMoney(minor, currency, { locale });
  const revenue: CohortHeatmapCell[] = own.map((c) => ({
    cohortLabel: periodLabel(c.cohort, 'month'), age: c.age, rate: c.revenueRetention,
    detail: m.rv_cohort_mrr_detail({ mrr: money(c.mrrMinor), total: money(c.cohortMrrMinor) }),
  }));
  // Revenue retention can pass 100 % (expansion): the scale reaches the largest value, at least 100 %, at most 200 %.
  const revenueMax = Math.min(2, Math.max(1, ...revenue.map((c) => c.rate ?? 0)));
  return { cohorts, logo, revenue, revenueMax };
}
