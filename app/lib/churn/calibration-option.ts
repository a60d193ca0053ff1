import type { EChartsOption } from 'echarts';

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
  return {
    animation: false,
    grid: { left: 56, right: 24, top: 32, bottom: 48 },
    legend: { data: ['Model', 'Perfect calibration'], top: 0 },
    xAxis: { type: 'value', name: 'Predicted', nameLocation: 'middle', nameGap: 28, min: 0, max, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)} %` } },
    yAxis: { type: 'value', name: 'Churned', min: 0, max, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)} %` } },
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const { dataIndex, seriesIndex } = p as { dataIndex: number; seriesIndex: number };
        if (seriesIndex !== 0) return 'Perfect calibration: predicted = churned';
        const b = points[dataIndex];
        return `${b.rows} customers<br>predicted <b>${pct(b.meanPredicted)}</b><br>churned <b>${pct(b.observedRate)}</b>`;
      },
    },
    series: [
      { name: 'Model', type: 'line', symbolSize: 8, data: points.map((p) => [p.meanPredicted, p.observedRate]) },
      { name: 'Perfect calibration', type: 'line', symbol: 'none', lineStyle: { type: 'dashed', color: '#999' }, data: [[0, 0], [max, max]] },
    ],
  };
}
