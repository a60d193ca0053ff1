import { intlLocale } from '../i18n/locale.ts';
import type { MovementKind, MrrGroupBy, MrrPeriod, MrrSettings } from '../server/mrr/types.ts';

/** Labels and colours of the MRR pages. */

export const KIND_LABELS: Record<MovementKind, string> = {
  new: 'New', reactivation: 'Reactivation', expansion: 'Expansion', contraction: 'Contraction', churn: 'Churn',
};

/** Gains in greens and blues, losses in oranges and reds: the sign reads without the legend. */
export const KIND_COLORS: Record<MovementKind, string> = {
  new: '#2e8b57', reactivation: '#5aa9c9', expansion: '#8cc07a', contraction: '#e3a04f', churn: '#c8493a',
};

export const GROUP_BY_LABELS: Record<MrrGroupBy, string> = { none: 'No breakdown', segment: 'Segment', region: 'Region', plan: 'Plan' };
export const PERIOD_LABELS: Record<MrrPeriod, string> = { month: 'Month', quarter: 'Quarter', year: 'Year' };

/** "Mar 2026", "Q1 2026" or "2026" for a period's first month. */
export function periodLabel(period: string, kind: MrrPeriod): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  if (kind === 'year') return String(y);
  if (kind === 'quarter') return `Q${Math.floor((m - 1) / 3) + 1} ${y}`;
  return new Intl.DateTimeFormat(intlLocale(), { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
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
    { name: 'past_due_churn_days', label: 'Past due counts as churn', value: s.pastDueChurnDays === null ? 'off' : `after ${s.pastDueChurnDays} days` },
    { name: 'usage_in_mrr', label: 'Usage in MRR', value: s.usageInMrr ? 'on (3-month average)' : 'off' },
    { name: 'trials', label: 'Trials', value: s.trials === 'count' ? 'counted at price' : 'excluded until converted' },
    { name: 'free_plans', label: 'Free plans', value: s.freePlans === 'count' ? 'counted as customers' : 'not counted as customers' },
  ];
}
