import { intlLocale } from '../i18n/locale.ts';
import type { EChartsOption } from 'echarts';
import { monthLabel } from '../months.ts';
import { toDisplayUnits, unitDisplay } from '../usage/display.ts';
import type { PerCustomerMonth } from '../usage/types.ts';

/**
 * Usage per active customer by month: median and 90th percentile (and the mean, dashed, which the
 * heaviest users pull up), in display units. Active customers per month are in the tooltip.
 */
export function buildPerCustomerOption({ months, unit, locale = intlLocale() }: { months: readonly PerCustomerMonth[]; unit: string; locale?: string }): EChartsOption {
  const label = unitDisplay(unit).label;
  const fmt = (v: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: unit === 'mb' ? 2 : 1 }).format(v);
  return {
    animation: false,
    color: ['#2f6f9f', '#c0392b', '#8a96a3'],
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, right: 0, data: ['median', 'p90', 'mean'] },
    tooltip: {
      trigger: 'axis',
      formatter: (params) => {
        const list = params as unknown as { dataIndex: number; seriesName: string; marker: string; value: number }[];
        const m = months[list[0]?.dataIndex ?? -1];
        if (!m) return '';
        return [`${monthLabel(m.month, locale)} · ${m.activeCustomers.toLocaleString(locale)} active customers`, ...list.map((p) => `${p.marker}${p.seriesName}: <b>${fmt(p.value)} ${label}</b>`)].join('<br>');
      },
    },
    xAxis: { type: 'category', data: months.map((m) => monthLabel(m.month, locale)) },
    yAxis: { type: 'value', name: `${label} per customer`, splitLine: { lineStyle: { color: '#e6eaef' } } },
    series: [
      { name: 'median', type: 'line', symbolSize: 5, data: months.map((m) => toDisplayUnits(m.medianQuantity, unit)) },
      { name: 'p90', type: 'line', symbolSize: 5, data: months.map((m) => toDisplayUnits(m.p90Quantity, unit)) },
      { name: 'mean', type: 'line', symbolSize: 0, lineStyle: { type: 'dashed' }, data: months.map((m) => toDisplayUnits(m.meanQuantity, unit)) },
    ],
  };
}
