import { describe, expect, it } from 'vitest';
import { forecastChartOption } from './chart.ts';
import type { StoredForecast } from './types.ts';

const forecast: StoredForecast = {
  runDate: '2026-04-02', seriesKey: 'invoiced|EUR|all', measure: 'invoiced', currency: 'EUR', segment: null, frequency: 'month',
  model: 'ETS(A,N,N)', params: {}, warnings: [],
  history: [{ period: '2026-01-01', value: 10_000 }, { period: '2026-02-01', value: 12_000 }, { period: '2026-03-01', value: 11_000 }],
  points: [
    { period: '2026-04-01', mean: 11_500, lower80: 10_500, upper80: 12_500, lower95: 10_000, upper95: 13_000 },
    { period: '2026-05-01', mean: 11_600, lower80: 10_400, upper80: 12_800, lower95: 9_800, upper95: 13_400 },
  ],
  backtest: { origins: 0, horizon: 2, smape: null, mase: null, coverage80: null, coverage95: null },
};

type Series = { name: string; data: (number | null)[] };

describe('forecast chart option', () => {
  const option = forecastChartOption(forecast, 100) as { xAxis: { data: string[] }; series: Series[] };
  const byName = (n: string) => option.series.find((s) => s.name === n)!;

  it('puts history and forecast on one month axis, in display units', () => {
    expect(option.xAxis.data).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05']);
    expect(byName('History').data).toEqual([100, 120, 110, null, null]);
    expect(byName('Forecast').data).toEqual([null, null, 110, 115, 116]);
  });

  it('draws each band as base + width so the stacked area spans lower..upper', () => {
    expect(byName('95 % interval base').data).toEqual([null, null, null, 100, 98]);
    expect(byName('95 % interval').data).toEqual([null, null, null, 30, 36]);
    expect(byName('80 % interval base').data.slice(3)).toEqual([105, 104]);
    expect(byName('80 % interval').data.slice(3)).toEqual([20, 24]);
  });

  it('labels weekly forecasts by day and draws what happened since an earlier run', () => {
    const weekly: StoredForecast = { ...forecast, frequency: 'week', history: [], points: [
      { period: '2026-04-02', mean: 5_000, lower80: 4_000, upper80: 6_000, lower95: 3_000, upper95: 7_000 },
      { period: '2026-04-09', mean: 3_000, lower80: 2_000, upper80: 4_000, lower95: 1_000, upper95: 5_000 },
    ] };
    const o = forecastChartOption(weekly, 100, [{ period: '2026-04-02', value: 4_500 }]) as { xAxis: { data: string[] }; series: Series[] };
    expect(o.xAxis.data).toEqual(['2026-04-02', '2026-04-09']);
    expect(o.series.find((s) => s.name === 'Forecast')!.data).toEqual([50, 30]);
    expect(o.series.find((s) => s.name === 'Actual since')!.data).toEqual([45, null]);
    expect(byName('Actual since' as string)).toBeUndefined();
  });
});
