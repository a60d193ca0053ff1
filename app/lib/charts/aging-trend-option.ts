import { intlLocale } from '../i18n/locale.ts';
import type { EChartsOption } from 'echarts';
import { formatMoney, minorToChartNumber } from '../money.ts';
import { monthLabel, type MonthString } from '../months.ts';

/** One month end of the trend: open balance per bucket in minor units. */
export interface AgingTrendChartPoint {
  /** YYYY-MM-DD, a month end. */
  readonly asOf: string;
  readonly buckets: readonly bigint[];
}

export interface AgingTrendOptionInput {
  readonly points: readonly AgingTrendChartPoint[];
  /** One label per bucket, youngest first ("Current", "1–30", …). */
  readonly bucketLabels: readonly string[];
  readonly currency: string;
  readonly locale?: string;
  /** The tooltip's words in the page's language (default English). */
  readonly text?: { readonly endOf: (month: string) => string; readonly total: (amount: string) => string };
}

/**
 * Colours of `count` buckets from green (youngest) through amber to red (oldest), so the age reads
 * without the legend.
 */
export function agingBucketColors(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const t = count === 1 ? 0 : i / (count - 1);
    const hue = Math.round(150 - 148 * t);
    const lightness = Math.round(52 - 12 * t);
    return `hsl(${hue}, 52%, ${lightness}%)`;
  });
}

interface TooltipParam {
  dataIndex: number;
  seriesIndex: number;
  marker: string;
}

/**
 * "Aging at month ends": one stacked bar per month end, one segment per bucket, one currency.
 * Series data are major units as numbers, for drawing only; the tooltip shows the exact amounts
 * and their total from the bigint minor units.
 */
export function buildAgingTrendOption({ points, bucketLabels, currency, locale = intlLocale(), text }: AgingTrendOptionInput): EChartsOption {
  const endOf = text?.endOf ?? ((month: string) => `End of ${month}`);
  const totalText = text?.total ?? ((amount: string) => `Total: ${amount}`);
  const label = (asOf: string) => monthLabel(asOf.slice(0, 7) as MonthString, locale);
  const money = (minor: bigint) => formatMoney(minor, currency, { locale });
  return {
    animation: false,
    color: agingBucketColors(bucketLabels.length),
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, data: [...bucketLabels] },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params) => {
        const list = (Array.isArray(params) ? params : [params]) as unknown as TooltipParam[];
        const point = points[list[0]?.dataIndex ?? -1];
        if (!point) return '';
        // Oldest on top, as stacked.
        const lines = [...list]
          .reverse()
          .map((p) => `${p.marker}${bucketLabels[p.seriesIndex]}: <b>${money(point.buckets[p.seriesIndex] ?? 0n)}</b>`);
        const total = point.buckets.reduce((s, b) => s + b, 0n);
        return [endOf(label(point.asOf)), ...lines, totalText(`<b>${money(total)}</b>`)].join('<br>');
      },
    },
    xAxis: { type: 'category', data: points.map((p) => label(p.asOf)), axisTick: { alignWithLabel: true } },
    yAxis: {
      type: 'value',
      axisLabel: {
        formatter: (value: number) =>
          new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol', notation: 'compact', maximumFractionDigits: 1 }).format(value),
      },
      splitLine: { lineStyle: { color: '#e6eaef' } },
    },
    series: bucketLabels.map((name, index) => ({
      name,
      type: 'bar' as const,
      stack: 'open',
      barMaxWidth: 40,
      emphasis: { focus: 'series' as const },
      data: points.map((p) => minorToChartNumber(p.buckets[index] ?? 0n, currency)),
    })),
  };
}
