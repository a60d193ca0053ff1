import { m } from '../paraglide/messages.js';
import { intlLocale } from '../i18n/locale.ts';
import type { EChartsOption } from 'echarts';
import { sideLabel, type MigrationMatrix } from '../preferences/display.ts';

/**
 * The from → to matrix of plan moves as a heatmap: rows the plan moved from ("(start)" on top),
 * columns the plan moved to ("(end)" last), each cell labelled with its count. Empty cells stay blank.
 */
export function buildMigrationsOption({ matrix, locale = intlLocale() }: { matrix: MigrationMatrix; locale?: string }): EChartsOption {
  const data: [number, number, number][] = [];
  matrix.counts.forEach((row, i) => row.forEach((n, j) => n > 0n && data.push([j, i, Number(n)])));
  const max = data.reduce((top, d) => Math.max(top, d[2]), 1);
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 8, bottom: matrix.to.length > 6 ? 64 : 40, containLabel: true },
    tooltip: {
      formatter: (params) => {
        const [j, i, n] = (params as unknown as { value: [number, number, number] }).value;
        return m.rv_mig_tooltip({ from: sideLabel(matrix.from[i]!), to: sideLabel(matrix.to[j]!), count: `<b>${n.toLocaleString(locale)}</b>` });
      },
    },
    xAxis: { type: 'category', data: matrix.to.map(sideLabel), name: m.rv_axis_to(), nameLocation: 'middle', nameGap: matrix.to.length > 6 ? 56 : 30, axisLabel: { interval: 0, rotate: matrix.to.length > 6 ? 30 : 0 }, splitArea: { show: true } },
    yAxis: { type: 'category', data: matrix.from.map(sideLabel), name: m.rv_axis_from(), nameLocation: 'start', inverse: true, axisLabel: { interval: 0 }, splitArea: { show: true } },
    visualMap: { show: false, min: 0, max, inRange: { color: ['#eef5fb', '#7fb3d5', '#1f5f8b'] } },
    series: [{ type: 'heatmap', data, label: { show: true, formatter: (p) => (p.value as number[])[2]!.toLocaleString(locale) } }],
  };
}
