import { m } from '../paraglide/messages.js';
import { intlLocale } from '../i18n/locale.ts';
import type { EChartsOption } from 'echarts';
import { formatMoney, minorToChartNumber } from '../money.ts';

/** One period of the MRR trend, minor units of the chart's one currency. */
export interface MrrTrendPoint {
  /** Axis label, e.g. "Mar 2026" or "Q1 2026". */
  readonly label: string;
  readonly mrrMinor: bigint;
  /** Trailing three-month usage average, shown beside MRR (not inside it unless the setting says so). */
  readonly usageMinor: bigint;
}

interface TooltipParam {
  dataIndex: number;
}

/**
 * "MRR at each close": bars of MRR with the usage average as a line, one currency. Series data are
 * major units as numbers, for drawing only; the tooltip shows exact amounts from the bigints.
 */
export function buildMrrTrendOption({ points, currency, locale = intlLocale() }: { points: readonly MrrTrendPoint[]; currency: string; locale?: string }): EChartsOption {
  const money = (minor: bigint) => formatMoney(minor, currency, { locale });
  return {
    animation: false,
    color: ['#1f4e79', '#c9852b'],
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, data: ['MRR', m.rv_series_usage_3m()] },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params) => {
        const list = (Array.isArray(params) ? params : [params]) as unknown as TooltipParam[];
        const p = points[list[0]?.dataIndex ?? -1];
        if (!p) return '';
        return [p.label, `MRR: <b>${money(p.mrrMinor)}</b>`, `ARR: <b>${money(p.mrrMinor * 12n)}</b>`, `Usage (3-month average): <b>${money(p.usageMinor)}</b>`].join('<br>');
      },
    },
    xAxis: { type: 'category', data: points.map((p) => p.label), axisTick: { alignWithLabel: true } },
    yAxis: {
      type: 'value',
      axisLabel: {
        formatter: (value: number) =>
          new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol', notation: 'compact', maximumFractionDigits: 1 }).format(value),
      },
      splitLine: { lineStyle: { color: '#e6eaef' } },
    },
    series: [
      { name: 'MRR', type: 'bar', barMaxWidth: 36, data: points.map((p) => minorToChartNumber(p.mrrMinor, currency)) },
      { name: m.rv_series_usage_3m(), type: 'line', symbol: 'circle', symbolSize: 5, data: points.map((p) => minorToChartNumber(p.usageMinor, currency)) },
    ],
  };
}
