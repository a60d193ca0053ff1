import { m } from '../paraglide/messages.js';
import { intlLocale } from '../i18n/locale.ts';
import type { EChartsOption } from 'echarts';
import { formatQuantity, formatShare, hourSlotLabel, toDisplayUnits, unitDisplay, weekdayLabel } from '../usage/display.ts';
import type { HeatmapCell } from '../usage/types.ts';

export interface UsageHeatmapOptionInput {
  readonly cells: readonly HeatmapCell[];
  readonly unit: string;
  readonly locale?: string;
}

/**
 * Hour-of-day × weekday heatmap: hours 0–23 across, Monday on top to Sunday at the bottom, colour
 * by usage in display units (GB for data). Slots without usage are absent (blank). The tooltip shows
 * the exact quantity and its share of the period's hourly-bucket usage.
 */
export function buildUsageHeatmapOption({ cells, unit, locale = intlLocale() }: UsageHeatmapOptionInput): EChartsOption {
  const values = cells.map((c) => toDisplayUnits(c.quantity, unit));
  const max = values.length ? Math.max(...values) : 1;
  const byKey = new Map(cells.map((c) => [`${c.isoWeekday}|${c.hour}`, c]));
  return {
    animation: false,
    grid: { left: 8, right: 96, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      position: 'top',
      formatter: (params) => {
        const [hour, weekdayIndex] = (params as unknown as { value: [number, number, number] }).value;
        const cell = byKey.get(`${weekdayIndex + 1}|${hour}`);
        if (!cell) return '';
        return `${hourSlotLabel(cell.isoWeekday, cell.hour)}<br><b>${formatQuantity(cell.quantity, unit, locale)}</b> · ${m.rv_heatmap_tooltip_share({ share: formatShare(cell.share, locale) })}`;
      },
    },
    xAxis: {
      type: 'category',
      data: Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0')),
      splitArea: { show: true },
    },
    yAxis: { type: 'category', data: [1, 2, 3, 4, 5, 6, 7].map((d) => weekdayLabel(d, locale)), inverse: true, splitArea: { show: true } },
    visualMap: {
      min: 0,
      max,
      calculable: true,
      orient: 'vertical',
      right: 0,
      top: 'middle',
      itemHeight: 200,
      formatter: (value) => new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(Number(value)),
      text: [unitDisplay(unit).label, ''],
      inRange: { color: ['#eef5fb', '#7fb3d5', '#1f5f8b', '#0b2f4a'] },
    },
    series: [
      {
        name: m.rv_usage(),
        type: 'heatmap',
        data: cells.map((c, i) => [c.hour, c.isoWeekday - 1, values[i]!]),
        emphasis: { itemStyle: { borderColor: '#222', borderWidth: 1 } },
      },
    ],
  };
}
