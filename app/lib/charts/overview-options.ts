import { intlLocale } from '../i18n/locale.ts';
import type { EChartsOption } from 'echarts';
import { formatMoney, minorToChartNumber } from '../money.ts';
import { monthLabel, type MonthString } from '../months.ts';
import type { AgingSummary, KpiUnit, SegmentSeries } from '../overview/types.ts';

const compactMoney = (currency: string, locale: string) => (value: number) =>
  new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol', notation: 'compact', maximumFractionDigits: 1 }).format(value);

/** A KPI card's 12-month sparkline: a bare line, no axes; gaps where a month has no figure. */
export function buildSparklineOption(series: readonly (bigint | number | null)[], unit: KpiUnit, currency: string): EChartsOption {
  const y = series.map((v) => (v === null ? null : typeof v === 'bigint' ? (unit === 'money' ? minorToChartNumber(v, currency) : Number(v)) : v));
  return {
    animation: false,
    grid: { left: 2, right: 2, top: 4, bottom: 2 },
    xAxis: { type: 'category', show: false, data: y.map((_, i) => i) },
    yAxis: { type: 'value', show: false, scale: true },
    series: [{ type: 'line', data: y, symbol: 'none', lineStyle: { width: 1.8, color: '#1f4e79' }, areaStyle: { color: 'rgba(31, 78, 121, 0.08)' } }],
  };
}

const SEGMENT_COLORS = ['#1f4e79', '#5b8fc7', '#9db9d8', '#d08a2c', '#7a9a52', '#a05c7b'];

/** Invoiced per month stacked by segment, one currency. */
export function buildSegmentRevenueOption(months: readonly MonthString[], segments: readonly SegmentSeries[], currency: string, locale = intlLocale()): EChartsOption {
  return {
    animation: false,
    color: SEGMENT_COLORS,
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (value) => (typeof value === 'number' ? compactMoney(currency, locale)(value) : String(value)),
    },
    xAxis: { type: 'category', data: months.map((m) => monthLabel(m, locale)) },
    yAxis: { type: 'value', axisLabel: { formatter: compactMoney(currency, locale) }, splitLine: { lineStyle: { color: '#e6eaef' } } },
    series: segments.map((s) => ({ name: s.segment, type: 'bar', stack: 'invoiced', barMaxWidth: 32, data: s.invoiced.map((v) => minorToChartNumber(v, currency)) })),
  };
}

const AGING_COLORS = ['#7a9a52', '#d9b44a', '#d08a2c', '#c2612c', '#a33b2a', '#6e1f1a'];

/** Open receivables today by days past due: current first, oldest last. */
export function buildAgingSummaryOption(aging: AgingSummary, currency: string, locale = intlLocale()): EChartsOption {
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 12, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params) => {
        const p = (Array.isArray(params) ? params[0] : params) as unknown as { dataIndex: number };
        const bucket = aging.buckets[p.dataIndex];
        return bucket ? `${bucket.label}: <b>${formatMoney(bucket.openMinor, currency, { locale })}</b>` : '';
      },
    },
    xAxis: { type: 'category', data: aging.buckets.map((b) => b.label) },
    yAxis: { type: 'value', axisLabel: { formatter: compactMoney(currency, locale) }, splitLine: { lineStyle: { color: '#e6eaef' } } },
    series: [{
      name: `Open receivables, ${currency}`,
      type: 'bar',
      barMaxWidth: 48,
      data: aging.buckets.map((b, i) => ({ value: minorToChartNumber(b.openMinor, currency), itemStyle: { color: AGING_COLORS[Math.min(i, AGING_COLORS.length - 1)] } })),
    }],
  };
}
