import { m } from '../paraglide/messages.js';
import { intlLocale } from '../i18n/locale.ts';
import type { EChartsOption } from 'echarts';
import { monthLabel, type MonthString } from '../months.ts';
import { planOrder } from '../preferences/display.ts';
import type { PlanMixRow } from '../preferences/types.ts';

const PALETTE = ['#1f5f8b', '#2f8f9d', '#5bb08a', '#a3c65a', '#e0b13b', '#e07b39', '#c0392b', '#8e44ad', '#5d6d7e', '#2c3e50', '#16a085', '#d35400'];

/**
 * Plan mix over time: subscriptions held at each month end, stacked by plan (ordered by family and
 * tier, so tiers of a family sit together). The tooltip gives each plan's count and share.
 */
export function buildPlanMixOption({ rows, locale = intlLocale() }: { rows: readonly PlanMixRow[]; locale?: string }): EChartsOption {
  const months = [...new Set(rows.map((r) => r.month))].sort() as MonthString[];
  const plans = planOrder(rows);
  const cell = new Map(rows.map((r) => [`${r.month}|${r.planCode}`, r]));
  const pct = (v: number) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(v);
  return {
    animation: false,
    color: PALETTE,
    grid: { left: 8, right: 16, top: 56, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, type: 'scroll', data: plans.map((p) => p.code) },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params) => {
        const list = params as unknown as { dataIndex: number; seriesIndex: number; marker: string }[];
        const month = months[list[0]?.dataIndex ?? -1];
        if (!month) return '';
        const lines = [...list].reverse().flatMap((p) => {
          const r = cell.get(`${month}|${plans[p.seriesIndex]!.code}`);
          return r ? [`${p.marker}${r.planName}: <b>${r.subscriptions.toLocaleString(locale)}</b> (${pct(r.share)})`] : [];
        });
        return [m.rv_end_of({ month: monthLabel(month, locale) }), ...lines].join('<br>');
      },
    },
    xAxis: { type: 'category', data: months.map((m) => monthLabel(m, locale)) },
    yAxis: { type: 'value', name: m.rv_subscriptions_lc(), splitLine: { lineStyle: { color: '#e6eaef' } } },
    series: plans.map((p) => ({
      name: p.code,
      type: 'bar' as const,
      stack: 'plans',
      barMaxWidth: 36,
      data: months.map((m) => Number(cell.get(`${m}|${p.code}`)?.subscriptions ?? 0n)),
    })),
  };
}
