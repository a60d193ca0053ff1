import { intlLocale } from '../i18n/locale.ts';
import { m } from '../paraglide/messages.js';
import type { MovementKind, MrrGroupBy, MrrPeriod, MrrSettings } from '../server/mrr/types.ts';

/** Labels and colours of the MRR pages. Labels are getters: each read is in the page's language. */

export const KIND_LABELS: Readonly<Record<MovementKind, string>> = {
  get new() { return m.rv_kind_new(); },
  get reactivation() { return m.rv_kind_reactivation(); },
  get expansion() { return m.rv_kind_expansion(); },
  get contraction() { return m.rv_kind_contraction(); },
  get churn() { return m.rv_kind_churn(); },
};

/** Gains in greens and blues, losses in oranges and reds: the sign reads without the legend. */
export const KIND_COLORS: Record<MovementKind, string> = {
  new: '#2e8b57', reactivation: '#5aa9c9', expansion: '#8cc07a', contraction: '#e3a04f', churn: '#c8493a',
};

export const GROUP_BY_LABELS: Readonly<Record<MrrGroupBy, string>> = {
  get none() { return m.rv_group_none(); },
  get segment() { return m.rv_segment(); },
  get region() { return m.rv_region(); },
  get plan() { return m.rv_plan(); },
};
export const PERIOD_LABELS: Readonly<Record<MrrPeriod, string>> = {
  get month() { return m.rv_month(); },
  get quarter() { return m.rv_quarter(); },
  get year() { return m.rv_year(); },
};

/** "by segment" (a heading's breakdown), "by month" (a chart's period), in the page's language. */
export function byGroupPhrase(groupBy: Exclude<MrrGroupBy, 'none'>): string {
  return { segment: m.rv_by_segment, region: m.rv_by_region, plan: m.rv_by_plan }[groupBy]();
}
export function byPeriodPhrase(period: MrrPeriod): string {
  return { month: m.rv_by_month, quarter: m.rv_by_quarter, year: m.rv_by_year }[period]();
}
/** "change against the previous month" */
export function vsPreviousPhrase(period: MrrPeriod): string {
  return { month: m.rv_vs_previous_month, quarter: m.rv_vs_previous_quarter, year: m.rv_vs_previous_year }[period]();
}
/** "each month" (genitive in Russian: "каждого месяца") */
export function eachPeriodPhrase(period: MrrPeriod): string {
  return { month: m.rv_each_month, quarter: m.rv_each_quarter, year: m.rv_each_year }[period]();
}
export function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Mar 2026", "Q1 2026" or "2026" for a period's first month. */
export function periodLabel(period: string, kind: MrrPeriod): string {
  const [y, month] = period.split('-').map(Number) as [number, number];
  if (kind === 'year') return String(y);
  if (kind === 'quarter') return m.rv_quarter_label({ quarter: Math.floor((month - 1) / 3) + 1, year: y });
  return new Intl.DateTimeFormat(intlLocale(), { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, month - 1, 1)));
}

/** A rate (fraction) as a percentage with one decimal; "—" when undefined. */
export function formatRate(rate: number | null): string {
  if (rate === null) return '—';
  // 'negative': a rate that rounds to zero shows as 0.0 %, not −0.0 %
  return new Intl.NumberFormat(intlLocale(), { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'negative' }).format(rate);
}

/** The settings in words, as shown beside the figures. */
export function settingsSummary(s: MrrSettings): { name: string; label: string; value: string }[] {
  return [
    { name: 'past_due_churn_days', label: m.rv_setting_past_due(), value: s.pastDueChurnDays === null ? m.rv_setting_off() : m.rv_setting_after_days({ days: s.pastDueChurnDays }) },
    { name: 'usage_in_mrr', label: m.rv_setting_usage(), value: s.usageInMrr ? m.rv_setting_usage_on() : m.rv_setting_off() },
    { name: 'trials', label: m.rv_setting_trials(), value: s.trials === 'count' ? m.rv_setting_trials_count() : m.rv_setting_trials_exclude() },
    { name: 'free_plans', label: m.rv_setting_free(), value: s.freePlans === 'count' ? m.rv_setting_free_count() : m.rv_setting_free_exclude() },
  ];
}
