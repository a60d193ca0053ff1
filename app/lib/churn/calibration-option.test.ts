import { describe, expect, it } from 'vitest';
import { buildCalibrationOption } from './calibration-option.ts';

describe('buildCalibrationOption', () => {
  it('plots predicted against observed with the diagonal up to the largest value, rounded up to 5 %', () => {
    const option = buildCalibrationOption([
      { meanPredicted: 0.02, observedRate: 0.01, rows: 400 },
      { meanPredicted: 0.31, observedRate: 0.36, rows: 400 },
    ]);
    const series = option.series as { name: string; data: number[][] }[];
    expect(series[0].data).toEqual([[0.02, 0.01], [0.31, 0.36]]);
    expect(series[1].data).toEqual([[0, 0], [0.4, 0.4]]);
    expect((option.xAxis as { max: number }).max).toBe(0.4);
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    expect(formatter({ dataIndex: 1, seriesIndex: 0 })).toBe('400 customers<br>predicted <b>31.0 %</b><br>churned <b>36.0 %</b>');
  });
});
