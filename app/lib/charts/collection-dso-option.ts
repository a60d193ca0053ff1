import { intlLocale } from '../i18n/locale.ts';
import type { EChartsOption } from 'echarts';
import { monthLabel, type MonthString } from '../months.ts';

/** One month of DSO figures, in days; null where the metric is undefined (no sales, AR beyond all sales). */
export interface DsoChartMonth {
  /** YYYY-MM */
  readonly month: string;
  readonly dsoStandard: number | null;
  readonly dsoCountback: number | null;
  readonly bestPossibleDso: number | null;
}

export interface DsoOptionInput {
  readonly months: readonly DsoChartMonth[];
  readonly locale?: string;
  /** The words of the page's language (default English): series names and the days unit. */
  readonly text?: { readonly series: Readonly<Record<DsoSeriesKey, string>>; readonly days: (value: string) => string };
}

export type DsoSeriesKey = 'dsoStandard' | 'dsoCountback' | 'bestPossibleDso';

export const DSO_SERIES = [
  { key: 'dsoStandard', name: 'DSO (standard)', color: '#1f4e79' },
  { key: 'dsoCountback', name: 'DSO (countback)', color: '#6a9fd4' },
  { key: 'bestPossibleDso', name: 'Best possible DSO', color: '#2e8b57' },
] as const;


interface TooltipParam {
  dataIndex: number;
  seriesIndex: number;
  marker: string;
}

/**
 * "DSO by month": lines of standard DSO, countback DSO and best possible DSO in days. The gap
 * between standard and best possible is ADD (average days delinquent). Missing values break the line.
 */
export function buildDsoOption({ months, locale = intlLocale(), text }: DsoOptionInput): EChartsOption {
  const name = (s: (typeof DSO_SERIES)[number]) => text?.series[s.key] ?? s.name;
  const unit = text?.days ?? ((value: string) => `${value} d`);
  const days = (value: number, digits: number) => unit(new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value));
  return {
    animation: false,
    color: DSO_SERIES.map((s) => s.color),
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, data: DSO_SERIES.map(name) },
    tooltip: {
      trigger: 'axis',
      formatter: (params) => {
        const list = (Array.isArray(params) ? params : [params]) as unknown as TooltipParam[];
        const month = months[list[0]?.dataIndex ?? -1];
        if (!month) return '';
        const lines = list.map((p) => {
          const value = month[DSO_SERIES[p.seriesIndex]!.key];
          return `${p.marker}${name(DSO_SERIES[p.seriesIndex]!)}: <b>${value === null ? '—' : days(value, 1)}</b>`;
        });
        return [monthLabel(month.month as MonthString, locale), ...lines].join('<br>');
      },
    },
    xAxis: { type: 'category', data: months.map((m) => monthLabel(m.month as MonthString, locale)), axisTick: { alignWithLabel: true } },
    yAxis: {
      type: 'value',
      min: 0,
      axisLabel: { formatter: (value: number) => days(value, 0) },
      splitLine: { lineStyle: { color: '#e6eaef' } },
    },
    series: DSO_SERIES.map((s) => ({
      name: name(s),
      type: 'line' as const,
      symbol: 'circle',
      symbolSize: 6,
      connectNulls: false,
      lineStyle: { width: s.key === 'dsoStandard' ? 2.5 : 2, ...(s.key === 'dsoCountback' ? { type: 'dashed' as const } : {}) },
      data: months.map((m) => m[s.key]),
    })),
  };
}
