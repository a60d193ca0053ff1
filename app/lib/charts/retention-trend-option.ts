import { m } from '../paraglide/messages.js';
import { intlLocale } from '../i18n/locale.ts';
import type { EChartsOption } from 'echarts';

/** One period of the retention trend; rates are fractions, null where undefined. */
export interface RetentionTrendPoint {
  readonly label: string;
  readonly grr: number | null;
  readonly nrr: number | null;
  readonly logoChurnRate: number | null;
  readonly revenueChurnRate: number | null;
}

const SERIES_SPEC = [
  { key: 'nrr', name: () => 'NRR', color: '#1f4e79' },
  { key: 'grr', name: () => 'GRR', color: '#5aa9c9' },
  { key: 'logoChurnRate', name: m.rv_logo_churn, color: '#c8493a' },
  { key: 'revenueChurnRate', name: m.rv_revenue_churn, color: '#e3a04f' },
] as const;

const percent = (v: number, digits: number, locale: string) =>
  new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);

/**
 * GRR and NRR (left axis, around 100 %) and logo and revenue churn (right axis, a few %) per
 * period: two axes because the two pairs live at different scales. Gaps where a rate is undefined.
 */
export function buildRetentionTrendOption({ points, locale = intlLocale() }: { points: readonly RetentionTrendPoint[]; locale?: string }): EChartsOption {
  // Series names in the page's language, read when the chart is built.
  const SERIES = SERIES_SPEC.map((s) => ({ ...s, name: s.name() }));
  return {
    animation: false,
    color: SERIES.map((s) => s.color),
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, data: SERIES.map((s) => s.name) },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value) => (typeof value === 'number' ? percent(value, 2, locale) : '—'),
    },
    xAxis: { type: 'category', data: points.map((p) => p.label) },
    yAxis: [
      { type: 'value', scale: true, axisLabel: { formatter: (v: number) => percent(v, 0, locale) }, splitLine: { lineStyle: { color: '#e6eaef' } } },
      { type: 'value', min: 0, axisLabel: { formatter: (v: number) => percent(v, 1, locale) }, splitLine: { show: false } },
    ],
    series: SERIES.map((s, i) => ({
      name: s.name,
      type: 'line' as const,
      yAxisIndex: i < 2 ? 0 : 1,
      symbol: 'circle',
      symbolSize: 5,
      connectNulls: false,
      data: points.map((p) => p[s.key]),
    })),
  };
}
