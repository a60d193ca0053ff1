import { intlLocale } from '../i18n/locale.ts';
import { m } from '../paraglide/messages.js';
import type { EChartsOption } from 'echarts';
import { formatMoney, minorToChartNumber } from '../money.ts';
import { monthLabel } from '../months.ts';
import type { RevenueMonthlyRow } from '../revenue/types.ts';

export type RevenueChartRow = Pick<RevenueMonthlyRow, 'month' | 'invoiced_minor' | 'collected_minor'>;

export interface RevenueMonthlyOptionInput {
  readonly rows: readonly RevenueChartRow[];
  readonly currency: string;
  readonly locale?: string;
}

export const REVENUE_CHART_COLORS = { invoiced: '#9db9d8', collected: '#1f4e79' } as const;

interface TooltipParam {
  dataIndex: number;
  seriesIndex?: number;
  seriesName: string;
  marker: string;
}

/**
 * "Invoiced vs collected by month": bars of invoiced, a line of collected, one currency.
 * Series data are major units as numbers, for drawing only; the tooltip formats the exact bigint
 * amounts of the row under the pointer.
 */
export function buildRevenueMonthlyOption({ rows, currency, locale = intlLocale() }: RevenueMonthlyOptionInput): EChartsOption {
  const invoiced = m.rv_measure_invoiced();
  const collected = m.rv_measure_collected();
  // The series by its index (0: invoiced), or by its name where a caller gives none.
  const exact = (index: number, p: TooltipParam) => {
    const row = rows[index];
    const isInvoiced = p.seriesIndex !== undefined ? p.seriesIndex === 0 : p.seriesName === invoiced;
    return formatMoney(isInvoiced ? row.invoiced_minor : row.collected_minor, currency, { locale });
  };
  return {
    animation: false,
    color: [REVENUE_CHART_COLORS.invoiced, REVENUE_CHART_COLORS.collected],
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, data: [invoiced, collected] },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params) => {
        const list = (Array.isArray(params) ? params : [params]) as unknown as TooltipParam[];
        if (list.length === 0) return '';
        const month = rows[list[0].dataIndex]?.month;
        const lines = list.map((p) => `${p.marker}${p.seriesName}: <b>${exact(p.dataIndex, p)}</b>`);
        return [month ? monthLabel(month, locale) : '', ...lines].join('<br>');
      },
    },
    xAxis: {
      type: 'category',
      data: rows.map((r) => monthLabel(r.month, locale)),
      axisTick: { alignWithLabel: true },
    },
    yAxis: {
      type: 'value',
      axisLabel: {
        formatter: (value: number) =>
          new Intl.NumberFormat(locale, {
            style: 'currency',
            currency,
            currencyDisplay: 'narrowSymbol',
            notation: 'compact',
            maximumFractionDigits: 1,
          }).format(value),
      },
      splitLine: { lineStyle: { color: '#e6eaef' } },
    },
    series: [
      {
        name: invoiced,
        type: 'bar',
        barMaxWidth: 36,
        data: rows.map((r) => minorToChartNumber(r.invoiced_minor, currency)),
      },
      {
        name: collected,
        type: 'line',
        symbol: 'circle',
        symbolSize: 7,
        lineStyle: { width: 2.5 },
        data: rows.map((r) => minorToChartNumber(r.collected_minor, currency)),
      },
    ],
  };
}
