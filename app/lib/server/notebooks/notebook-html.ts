import { m } from '$lib/paraglide/messages.js';
import { currentLocale } from '$lib/i18n/locale.ts';
import type { RenderedNotebook, ResultTableData } from '../../notebooks/types.ts';
import { renderChartSvg } from './chart-svg.ts';
import { blockErrors, exportRows, notebookCurrency, parameterLines, stampLocale } from './export-cells.ts';

export interface NotebookHtmlOptions {
  readonly generatedAt: Date;
  readonly timezone: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const CSS = `
body{font:14px/1.5 "Noto Sans",system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2733;max-width:60rem;margin:2rem auto;padding:0 1rem}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:1.6em 0 .4em}h3{font-size:16px;margin:1.2em 0 .4em}
.meta,.note{color:#6a737d;font-size:12.5px}.params{border-collapse:collapse;margin:.6em 0 1em}.params td{padding:1px 12px 1px 0}
table.result{border-collapse:collapse;font-size:12.5px;margin:.4em 0 .2em;width:max-content;min-width:100%}
.wrap{overflow:auto;border:1px solid #d0d7de;border-radius:6px}
table.result th,table.result td{padding:4px 10px;border-bottom:1px solid #eef1f4;white-space:nowrap;text-align:left}
table.result th{background:#f6f8fa;font-weight:600}.num{text-align:right!important;font-variant-numeric:tabular-nums}
.error{color:#b3261e;background:#fdecea;border-radius:4px;padding:6px 10px;margin:.6em 0}
figure{margin:1em 0}figure svg{max-width:100%;height:auto}code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12.5px}
pre{background:#f6f8fa;padding:8px 10px;border-radius:6px;overflow:auto}
@media print{body{margin:0;max-width:none}.wrap{overflow:visible;border:0}}
`;

function tableHtml(result: ResultTableData, currency: string | null): string {
  const rows = exportRows(result, currency);
  const numeric = result.columns.map((_c, i) => rows.some((r) => r[i]!.numeric));
  const head = result.columns.map((c, i) => `<th${numeric[i] ? ' class="num"' : ''} title="${escapeHtml(c.type)}">${escapeHtml(c.name)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((cell) => `<td${cell.numeric ? ' class="num"' : ''}>${escapeHtml(cell.text)}</td>`).join('')}</tr>`).join('\n');
  const note = (result.rows.length === 1 ? m.dt_nb_rows_one({ count: '1' }) : m.dt_nb_rows({ count: String(result.rows.length) })) + (result.truncated ? m.dt_nb_rows_truncated({ limit: String(result.rowLimit) }) : '');
  return `<div class="wrap"><table class="result"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div><p class="note">${note}</p>`;
}

/**
 * A rendered notebook as one self-contained HTML file: inline CSS, the prose as markdown-it rendered
 * it (raw HTML was off, so it holds no scripts), results as tables, charts as inline SVG drawn by
 * ECharts on the server. It loads nothing: no script, stylesheet, font or image from anywhere, and a
 * Content-Security-Policy of `default-src 'none'` says so to the browser.
 */
export function renderNotebookHtml(notebook: RenderedNotebook, options: NotebookHtmlOptions): string {
  const currency = notebookCurrency(notebook);
  const stamp = new Intl.DateTimeFormat(stampLocale(), { timeZone: options.timezone, dateStyle: 'medium', timeStyle: 'short' }).format(options.generatedAt);
  const parts: string[] = [];
  parts.push(`<h1>${escapeHtml(notebook.title)}</h1>`);
  if (notebook.description) parts.push(`<p>${escapeHtml(notebook.description)}</p>`);
  parts.push(`<p class="meta">${escapeHtml(m.dt_exp_made({ file: `${notebook.name}.md`, stamp, timezone: options.timezone }))}</p>`);
  const params = parameterLines(notebook);
  if (params.length > 0) {
    parts.push(`<table class="params"><tbody>${params.map((p) => `<tr><td>${escapeHtml(p.label)}</td><td><strong>${escapeHtml(p.value)}</strong></td></tr>`).join('')}</tbody></table>`);
  }
  for (const e of blockErrors(notebook)) parts.push(`<div class="error">${escapeHtml(`${notebook.name}.md, ${e}`)}</div>`);
  for (const block of notebook.blocks) {
    switch (block.kind) {
      case 'markdown':
        // markdown-it output with html: false; its link check already dropped javascript: and data: links.
        parts.push(`<section>${block.html}</section>`);
        break;
      case 'sql':
        if (!block.error && block.result && !block.hidden) parts.push(`<section data-block="${escapeHtml(block.name)}">${tableHtml(block.result, currency)}</section>`);
        break;
      case 'table':
        if (block.title) parts.push(`<h3>${escapeHtml(block.title)}</h3>`);
        if (!block.error && block.result) parts.push(`<section data-table="${escapeHtml(block.query)}">${tableHtml(block.result, currency)}</section>`);
        break;
      case 'chart':
        if (block.title) parts.push(`<h3>${escapeHtml(block.title)}</h3>`);
        if (!block.error && block.option) {
          const label = block.title ?? m.dt_nb_chart_of({ query: block.query });
          parts.push(`<figure role="img" aria-label="${escapeHtml(label)}">${renderChartSvg(block.option, { width: 900, height: 340 })}</figure>`);
        }
        break;
    }
  }
  return `<!doctype html>
<html lang="${currentLocale()}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Ledgerlens">
<title>${escapeHtml(notebook.title)}</title>
<style>${CSS}</style>
</head>
<body>
${parts.join('\n')}
</body>
</html>
`;
}
