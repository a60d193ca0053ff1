import { m } from '../paraglide/messages.js';
import { intlLocale } from '../i18n/locale.ts';
import type { EChartsOption } from 'echarts';
import { monthLabel } from '../months.ts';
import type { AdoptionMonth } from '../preferences/types.ts';

/** Add-on adoption by month end: the add-on share (2+ families) and the multi-subscription share (2+ subscriptions), in %. */
export function buildAdoptionOption({ months, locale = intlLocale() }: { months: readonly AdoptionMonth[]; locale?: string }): EChartsOption {
  const pct = (v: number) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(v);
  return {
    animation: false,
    color: ['#1f5f8b', '#e07b39'],
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, data: [m.rv_series_addon(), m.rv_series_multi_sub()] },
    tooltip: {
      trigger: 'axis',
      formatter: (params) => {
        const list = params as unknown as { dataIndex: number; marker: string; seriesName: string; value: number }[];
        const row = months[list[0]?.dataIndex ?? -1];
        if (!row) return '';
        return [m.rv_end_of_customers({ month: monthLabel(row.month, locale), count: row.customers.toLocaleString(locale) }), ...list.map((p) => `${p.marker}${p.seriesName}: <b>${pct(p.value)}</b>`)].join('<br>');
      },
    },
    xAxis: { type: 'category', data: months.map((r) => monthLabel(r.month, locale)) },
    yAxis: { type: 'value', min: 0, axisLabel: { formatter: (v: number) => pct(v) }, splitLine: { lineStyle: { color: '#e6eaef' } } },
    series: [
      { name: m.rv_series_addon(), type: 'line', symbolSize: 5, data: months.map((r) => r.addOnShare) },
      { name: m.rv_series_multi_sub(), type: 'line', symbolSize: 5, lineStyle: { type: 'dashed' }, data: months.map((r) => r.multiSubscriptionShare) },
    ],
  };
}
