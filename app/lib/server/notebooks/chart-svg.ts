import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';

/**
 * A chart option drawn on the server as an SVG document, with ECharts' own server-side renderer
 * (`ssr: true`: no DOM, no canvas), so the PDF and HTML exports show the very chart the page draws.
 * Legends of type "scroll" become plain ones (there is nothing to scroll on paper).
 */
export function renderChartSvg(option: EChartsOption, size: { width: number; height: number }): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    const legend = option.legend && !Array.isArray(option.legend) ? { ...option.legend, type: 'plain' as const } : option.legend;
    chart.setOption({ ...option, legend, animation: false, textStyle: { fontFamily: 'Noto Sans, sans-serif' } } as EChartsOption);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
