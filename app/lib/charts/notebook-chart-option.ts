import type { EChartsOption } from 'echarts';

/** What a notebook ```chart block says (its YAML body), checked by the parser. */
export interface NotebookChartSpec {
  readonly type: 'line' | 'bar';
  /** Column for the category axis, in the query's row order. */
  readonly x: string;
  /** Columns drawn as values. */
  readonly y: readonly string[];
  /** Column whose values split the rows into one series each (e.g. currency, segment). */
  readonly series: string | null;
  readonly stack: boolean;
}

export interface NotebookChartData {
  readonly columns: readonly { readonly name: string }[];
  readonly rows: readonly (readonly unknown[])[];
}

/** A chart block that names columns its query does not have. */
export class NotebookChartError extends Error {
  readonly code = 'BAD_CHART_COLUMNS';
}

export const NOTEBOOK_CHART_COLORS = ['#1f4e79', '#6fa8dc', '#e69138', '#6aa84f', '#a64d79', '#999999', '#cc4125', '#45818e'] as const;

const DAY_ONE = /^\d{4}-\d{2}-01$/;

function toNumber(v: unknown): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
}

/**
 * A notebook chart: line or bar over the x column, one series per y column (and per value of the
 * series column). Values arrive as JSON (decimals and big integers as exact strings) and become
 * numbers here, for drawing only; the table beside a chart keeps the exact text. Days that are all
 * first days of a month are labelled YYYY-MM. No functions in the option: it is built on the server
 * and sent to the page as data.
 */
export function buildNotebookChartOption(spec: NotebookChartSpec, data: NotebookChartData): EChartsOption {
  const index = (name: string) => {
    const i = data.columns.findIndex((c) => c.name === name);
    if (i < 0) throw new NotebookChartError(`the query has no column ${name} (its columns: ${data.columns.map((c) => c.name).join(', ')})`);
    return i;
  };
  const xi = index(spec.x);
  const yi = spec.y.map(index);
  const si = spec.series === null ? null : index(spec.series);

  const xRaw = [...new Set(data.rows.map((r) => String(r[xi] ?? '')))];
  const monthly = xRaw.length > 0 && xRaw.every((x) => DAY_ONE.test(x));
  const labels = monthly ? xRaw.map((x) => x.slice(0, 7)) : xRaw;
  const position = new Map(xRaw.map((x, i) => [x, i]));

  const groups = si === null ? [null] : [...new Set(data.rows.map((r) => String(r[si] ?? '')))];
  const series = groups.flatMap((group) =>
    yi.map((column, k) => {
      const values: (number | null)[] = Array(xRaw.length).fill(null);
      for (const row of data.rows) {
        if (si !== null && String(row[si] ?? '') !== group) continue;
        values[position.get(String(row[xi] ?? ''))!] = toNumber(row[column]);
      }
      const name = group === null ? spec.y[k]! : spec.y.length === 1 ? group : `${group} · ${spec.y[k]!}`;
      return {
        name,
        type: spec.type,
        data: values,
        ...(spec.stack ? { stack: spec.type === 'bar' ? 'total' : 'lines' } : {}),
        ...(spec.type === 'line' ? { symbol: 'circle', symbolSize: 5, connectNulls: false } : { barMaxWidth: 32 }),
      };
    }),
  );

  return {
    animation: false,
    color: [...NOTEBOOK_CHART_COLORS],
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, type: 'scroll' },
    tooltip: { trigger: 'axis', axisPointer: { type: spec.type === 'bar' ? 'shadow' : 'line' } },
    xAxis: { type: 'category', data: labels, axisTick: { alignWithLabel: true } },
    yAxis: { type: 'value', splitLine: { lineStyle: { color: '#e6eaef' } } },
    series,
  } as EChartsOption;
}
