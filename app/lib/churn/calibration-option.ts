import type { EChartsOption } from 'echarts';
import { m } from '$lib/paraglide/messages.js';

/** One bin of the model card's reliability table (models/churn/metrics.ts CalibrationBin). */
export interface ReliabilityPoint {
  readonly meanPredicted: number;
  readonly observedRate: number;
  readonly rows: number;
}

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

/**
 * Reliability diagram: predicted churn probability (mean per bin) against the share that really
 * churned, with the diagonal a perfectly calibrated model would follow. Axes in percent.
 */
export function buildCalibrationOption(points: readonly ReliabilityPoint[]): EChartsOption {
  const top = Math.max(0.05, ...points.map((p) => Math.max(p.meanPredicted, p.observedRate)));
  const max = Math.min(1, Math.ceil(top * 20) / 20);
  const model = m.cl_calib_model();
  const perfect = m.cl_calib_perfect();
  return {
    animation: false,
    grid: { left: 56, right: 24, top: 32, bottom: 48 },
    legend: { data: [model, perfect], top: 0 },
    xAxis: { type: 'value', name: m.cl_calib_predicted(), nameLocation: 'middle', nameGap: 28, min: 0, max, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)} %` } },
    yAxis: { type: 'value', name: m.cl_calib_churned(), min: 0, max, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)} %` } },
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const { dataIndex, seriesIndex } = p as { dataIndex: number; seriesIndex: number };
        if (seriesIndex !== 0) return m.cl_calib_perfect_tip();
        const b = points[dataIndex];
        return m.cl_calib_tip({ rows: b.rows, predicted: `<b>${pct(b.meanPredicted)}</b>`, churned: `<b>${pct(b.observedRate)}</b>` });
      },
    },
    series: [
      { name: model, type: 'line', symbolSize: 8, data: points.map((p) => [p.meanPredicted, p.observedRate]) },
      { name: perfect, type: 'line', symbol: 'none', lineStyle: { type: 'dashed', color: '#999' }, data: [[0, 0], [max, max]] },
    ],
  };
}
