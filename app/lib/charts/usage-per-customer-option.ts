import { m } from '../paraglide/messages.js';
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
    legend: { top: 0, right: 0, data: [m.rv_series_median(), 'p90', m.rv_series_mean()] },
    tooltip: {
      trigger: 'axis',
      formatter: (params) => {
        const list = params as unknown as { dataIndex: number; seriesName: string; marker: string; value: number }[];
        const row = months[list[0]?.dataIndex ?? -1];
        if (!row) return '';
        return [m.rv_active_customers_tooltip({ month: monthLabel(row.month, locale), count: row.activeCustomers.toLocaleString(locale) }), ...list.map((p) => `${p.marker}${p.seriesName}: <b>${fmt(p.value)} ${label}</b>`)].join('<br>');
      },
    },
    xAxis: { type: 'category', data: months.map((r) => monthLabel(r.month, locale)) },
    yAxis: { type: 'value', name: m.rv_per_customer_axis({ unit: label }), splitLine: { lineStyle: { color: '#e6eaef' } } },
    series: [
      { name: m.rv_series_median(), type: 'line', symbolSize: 5, data: months.map((r) => toDisplayUnits(r.medianQuantity, unit)) },
      { name: 'p90', type: 'line', symbolSize: 5, data: months.map((r) => toDisplayUnits(r.p90Quantity, unit)) },
      { name: m.rv_series_mean(), type: 'line', symbolSize: 0, lineStyle: { type: 'dashed' }, data: months.map((r) => toDisplayUnits(r.meanQuantity, unit)) },
    ],
  };
}
