import { m } from '../paraglide/messages.js';
import { intlLocale } from '../i18n/locale.ts';
import type { EChartsOption } from 'echarts';

/** One cell: a cohort (row), months since signup (column) and the retention rate (fraction). */
export interface CohortHeatmapCell {
  readonly cohortLabel: string;
  readonly age: number;
  readonly rate: number | null;
  /** Exact text for the tooltip, e.g. "12 of 40 customers" or "₽1,200.00 of ₽3,000.00". */
  readonly detail: string;
}

interface TooltipParam {
  data: [number, number, number | null, number];
}

/**
 * A cohort table as a heatmap: one row per cohort (oldest on top), one column per month since
 * signup, coloured by the retention rate from 0 to `max` (1 for logos; revenue can exceed 1, so
 * its scale reaches a little above). The cell label is the rate in whole percent.
 */
export function buildCohortHeatmapOption({
  cohorts, cells, max, locale = intlLocale(),
}: {
  /** Cohort labels, oldest first. */
  cohorts: readonly string[];
  cells: readonly CohortHeatmapCell[];
  max: number;
  locale?: string;
}): EChartsOption {
  const maxAge = cells.reduce((m, c) => Math.max(m, c.age), 0);
  const row = new Map(cohorts.map((c, i) => [c, i]));
  const pct = (v: number) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(v);
  return {
    animation: false,
    grid: { left: 8, right: 8, top: 8, bottom: 56, containLabel: true },
    tooltip: {
      formatter: (p) => {
        const [age, y, rate, index] = (p as unknown as TooltipParam).data;
        const cell = cells[index];
        return `${cohorts[y]} · ${m.rv_cohort_tooltip_month({ age })}<br><b>${rate === null ? '—' : pct(rate)}</b> (${cell?.detail ?? ''})`;
      },
    },
    xAxis: { type: 'category', name: m.rv_months_since_signup(), nameLocation: 'middle', nameGap: 24, data: Array.from({ length: maxAge + 1 }, (_, i) => String(i)), splitArea: { show: true } },
    yAxis: { type: 'category', inverse: true, data: [...cohorts], splitArea: { show: true } },
    visualMap: {
      min: 0, max, dimension: 2, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 160,
      text: [pct(max), '0%'], textStyle: { fontSize: 11, color: '#5f6b78' },
      inRange: { color: ['#fbe3d6', '#f3f0d7', '#bfe0c8', '#2e8b57'] },
    },
    series: [
      {
        type: 'heatmap',
        data: cells.map((c, i) => [c.age, row.get(c.cohortLabel) ?? 0, c.rate === null ? null : Math.min(c.rate, max), i]),
        label: { show: true, fontSize: 10, formatter: (p) => {
          const v = (p as unknown as TooltipParam).data;
          const cell = cells[v[3]];
          return cell?.rate === null || cell === undefined ? '' : pct(cell.rate);
        } },
        emphasis: { itemStyle: { borderColor: '#1d2733', borderWidth: 1 } },
      },
    ],
  };
}
