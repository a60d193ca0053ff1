import { m } from '../paraglide/messages.js';
import type { HistoryPoint, StoredForecast } from './types.ts';

/**
 * ECharts option for one forecast: history as a line, the forecast mean dashed, the 80 % and 95 %
 * intervals as stacked bands (a transparent base series plus the band width, the usual ECharts
 * idiom for confidence bands). `scale` turns minor units into display units (100 for EUR).
 * `actuals`: what happened since, for a forecast of an earlier run (the latest run's history),
 * drawn over the forecast periods it covers.
 */
export function forecastChartOption(f: StoredForecast, scale: number, actuals: readonly HistoryPoint[] = []): Record<string, unknown> {
  const periods = [...f.history.map((h) => h.period), ...f.points.map((p) => p.period)];
  const actualBy = new Map(actuals.map((a) => [a.period, a.value]));
  const happened = f.points.map((p) => actualBy.get(p.period));
  const gap = f.history.length;
  const display = (v: number) => Math.round((v / scale) * 100) / 100;
  const pad = (n: number) => new Array<number | null>(n).fill(null);
  const lastHistory = f.history.length > 0 ? display(f.history[f.history.length - 1].value) : null;
  // Series names in the page's language; the band's invisible base series is named after its band.
  const HISTORY = m.rv_fc_history();
  const FORECAST = m.rv_fc_forecast();
  const I80 = m.rv_fc_interval({ level: 80 });
  const I95 = m.rv_fc_interval({ level: 95 });
  const ACTUAL = m.rv_fc_actual_since();
  const band = (lower: (i: number) => number, upper: (i: number) => number, name: string, color: string) => [
    { name: `${name} base`, type: 'line', stack: name, data: [...pad(gap), ...f.points.map((_, i) => display(lower(i)))], lineStyle: { opacity: 0 }, symbol: 'none', tooltip: { show: false } },
    { name, type: 'line', stack: name, data: [...pad(gap), ...f.points.map((_, i) => display(upper(i) - lower(i)))], lineStyle: { opacity: 0 }, symbol: 'none', areaStyle: { color }, itemStyle: { color } },
  ];
  return {
    animation: false,
    grid: { left: 64, right: 16, top: 32, bottom: 40 },
    legend: { data: [...(f.history.length > 0 ? [HISTORY] : []), FORECAST, I80, I95, ...(happened.some((v) => v !== undefined) ? [ACTUAL] : [])], top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: periods.map((p) => (f.frequency === 'week' ? p : p.slice(0, 7))), boundaryGap: false },
    yAxis: { type: 'value', name: f.currency, scale: true },
    series: [
      ...band((i) => f.points[i].lower95, (i) => f.points[i].upper95, I95, 'rgba(37, 99, 235, 0.12)'),
      ...band((i) => f.points[i].lower80, (i) => f.points[i].upper80, I80, 'rgba(37, 99, 235, 0.25)'),
      { name: HISTORY, type: 'line', data: [...f.history.map((h) => display(h.value)), ...pad(f.points.length)], symbol: 'none', lineStyle: { color: '#111827', width: 2 }, itemStyle: { color: '#111827' } },
      // Starts at the last actual so the dashed line joins the history.
      { name: FORECAST, type: 'line', data: [...pad(Math.max(gap - 1, 0)), ...(gap > 0 ? [lastHistory] : []), ...f.points.map((p) => display(p.mean))], symbol: f.history.length === 0 ? 'circle' : 'none', lineStyle: { color: '#2563eb', type: 'dashed', width: 2 }, itemStyle: { color: '#2563eb' } },
      ...(happened.some((v) => v !== undefined)
        ? [{ name: ACTUAL, type: 'line', data: [...pad(gap), ...happened.map((v) => (v === undefined ? null : display(v)))], symbol: 'circle', lineStyle: { color: '#dc2626', width: 2 }, itemStyle: { color: '#dc2626' } }]
        : []),
    ],
  };
}
