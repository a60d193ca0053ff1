import { intlLocale } from '../i18n/locale.ts';
import { periodText } from '../income/line-text.ts';
import { m } from '../paraglide/messages.js';
import type { EChartsOption } from 'echarts';
import { formatMoney, minorToChartNumber } from '../money.ts';
import type { IncomePeriod } from '../income/types.ts';

export interface IncomeChartInput {
  readonly periods: readonly IncomePeriod[];
  readonly currency: string;
  readonly locale?: string;
}

const SERIES_SPEC = [
  { key: 'invoiced_net_minor', name: m.rv_series_invoiced_net, type: 'bar', color: '#9db9d8' },
  { key: 'recognised_minor', name: m.rv_line_recognised, type: 'bar', color: '#1f4e79' },
  { key: 'net_collected_minor', name: m.rv_line_net_collected, type: 'line', color: '#d08a2c' },
] as const;

interface TooltipParam {
  dataIndex: number;
  seriesIndex: number;
  marker: string;
}

/**
 * Invoiced vs recognised vs collected per period: where the three diverge is deferred revenue and
 * receivables. Numbers are for drawing only; the tooltip shows the exact amounts.
 */
export function buildIncomeStatementOption({ periods, currency, locale = intlLocale() }: IncomeChartInput): EChartsOption {
  // Series names in the page's language, read when the chart is built.
  const SERIES = SERIES_SPEC.map((s) => ({ ...s, name: s.name() }));
  return {
    animation: false,
    color: SERIES.map((s) => s.color),
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, data: SERIES.map((s) => s.name) },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params) => {
        const list = (Array.isArray(params) ? params : [params]) as unknown as TooltipParam[];
        const period = periods[list[0]?.dataIndex ?? -1];
        if (!period) return '';
        return [periodText(period.label), ...list.map((p) => `${p.marker}${SERIES[p.seriesIndex]!.name}: <b>${formatMoney(period.amounts[SERIES[p.seriesIndex]!.key], currency, { locale })}</b>`)].join('<br>');
      },
    },
    xAxis: { type: 'category', data: periods.map((p) => periodText(p.label)), axisTick: { alignWithLabel: true } },
    yAxis: {
      type: 'value',
      axisLabel: {
        formatter: (value: number) =>
          new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol', notation: 'compact', maximumFractionDigits: 1 }).format(value),
      },
      splitLine: { lineStyle: { color: '#e6eaef' } },
    },
    series: SERIES.map((s) => ({
      name: s.name,
      type: s.type,
      ...(s.type === 'bar' ? { barMaxWidth: 28 } : { symbol: 'circle', symbolSize: 6, lineStyle: { width: 2.5 } }),
      data: periods.map((p) => minorToChartNumber(p.amounts[s.key], currency)),
    })),
  } as EChartsOption;
}
