import type { EChartsOption } from 'echarts';

type Axis = { type?: string; data?: unknown[] } | undefined;
type SeriesLike = { name?: string; type?: string; data?: unknown[] };

function firstAxis(axis: unknown): Axis {
  return (Array.isArray(axis) ? axis[0] : axis) as Axis;
}

function label(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'value' in (value as object)) return String((value as { value: unknown }).value);
  return String(value);
}

function cell(value: unknown): string {
  const text = label(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The data a chart draws, as CSV, so every chart can hand over its numbers (the pages' own CSV
 * exports carry the exact minor units; this is what is on screen). Handles category charts (one
 * column per series), heatmaps ([x, y, value] items → x, y, value rows) and pies (name, value).
 */
export function chartDataCsv(option: EChartsOption): string {
  const series = ((Array.isArray(option.series) ? option.series : option.series ? [option.series] : []) as SeriesLike[]).filter((s) => Array.isArray(s.data));
  const x = firstAxis(option.xAxis);
  const y = firstAxis(option.yAxis);
  const rows: string[][] = [];
  const heat = series.find((s) => s.type === 'heatmap');
  if (heat) {
    rows.push([x?.type === 'category' ? 'x' : 'x', 'y', heat.name ?? 'value']);
    for (const item of heat.data!) {
      const v = (Array.isArray(item) ? item : (item as { value: unknown[] }).value) as unknown[];
      const xs = x?.data?.[Number(v[0])] ?? v[0];
      const ys = y?.data?.[Number(v[1])] ?? v[1];
      rows.push([label(xs), label(ys), label(v[2])]);
    }
  } else if (series.length > 0 && series.every((s) => s.type === 'pie')) {
    rows.push(['name', 'value']);
    for (const item of series[0]!.data!) rows.push([label((item as { name?: unknown }).name), label(item)]);
  } else {
    const categories = (x?.type === 'category' ? x.data : y?.type === 'category' ? y.data : undefined) ?? series[0]?.data?.map((_, i) => i) ?? [];
    rows.push(['category', ...series.map((s, i) => s.name ?? `series ${i + 1}`)]);
    categories.forEach((category, i) => rows.push([label(category), ...series.map((s) => label(s.data![i]))]));
  }
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** A file name from a chart's label: "Invoiced vs collected, USD" → "invoiced-vs-collected-usd". */
export function chartFileName(label: string): string {
  return label.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80) || 'chart';
}
