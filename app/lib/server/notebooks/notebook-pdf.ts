import { m } from '$lib/paraglide/messages.js';
import type { EChartsOption } from 'echarts';
import PDFDocument from 'pdfkit';
import { collectPdf } from '../pdf-document.ts';
import SVGtoPDF from 'svg-to-pdfkit';
import { isNumericType } from '../../notebooks/format-cell.ts';
import type { RenderedNotebook, ResultTableData } from '../../notebooks/types.ts';
import { renderChartSvg } from './chart-svg.ts';
import { blockErrors, exportRows, notebookCurrency, parameterLines, stampLocale, type ExportCell } from './export-cells.ts';
import { proseItems } from './prose-text.ts';

// Noto Sans (Latin and Cyrillic) as in collections/letter-pdf.ts: pdfkit's Helvetica has no Cyrillic.

const MARGIN = 48;
const CHART_HEIGHT = 230;
const TABLE_FONT = 7.5;
const TABLE_FONT_MIN = 5.5;
const CELL_PAD = 4;

export interface NotebookPdfOptions {
  /** When the report was made (shown in the header). */
  readonly generatedAt: Date;
  /** Zone in which the header shows `generatedAt`. */
  readonly timezone: string;
}

type Doc = PDFKit.PDFDocument;

function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

function bottom(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom;
}

function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

function heading(doc: Doc, text: string, level: number): void {
  const size = level <= 1 ? 15 : level === 2 ? 13 : 11;
  ensureSpace(doc, size * 3);
  doc.moveDown(0.6).font('bold').fontSize(size).fillColor('#1d2733').text(text, doc.page.margins.left, doc.y);
  doc.moveDown(0.3);
}

function prose(doc: Doc, html: string): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  for (const item of proseItems(html)) {
    switch (item.kind) {
      case 'heading':
        heading(doc, item.text, item.level);
        break;
      case 'paragraph':
        doc.font('regular').fontSize(9.5).fillColor('#1d2733').text(item.text, left, doc.y, { width });
        doc.moveDown(0.5);
        break;
      case 'item': {
        const y = doc.y;
        doc.font('regular').fontSize(9.5).fillColor('#1d2733').text(item.marker, left + 4, y);
        doc.text(item.text, left + 18, y, { width: width - 18 });
        doc.moveDown(0.2);
        break;
      }
      case 'code':
        doc.font('regular').fontSize(8).fillColor('#444444').text(item.text, left + 8, doc.y, { width: width - 8 });
        doc.moveDown(0.5);
        break;
      case 'rule':
        doc.moveTo(left, doc.y).lineTo(left + width, doc.y).strokeColor('#d0d7de').stroke();
        doc.moveDown(0.5);
        break;
    }
  }
  doc.x = left;
}

/**
 * A result as a table, never cutting a figure: column widths from their longest text and the font
 * shrunk (down to 5.5 pt) to fit the page; still too wide, money columns of one currency move the
 * code into the header (`opening (RUB)`); still too wide, the columns are split into groups printed
 * one under the other, each repeating the first column. Numbers are right-aligned; rows that do not
 * fit continue on the next page under the header again.
 */
function table(doc: Doc, result: ResultTableData, currency: string | null): void {
  const width = contentWidth(doc);
  const full = exportRows(result, currency);
  const numericColumns = result.columns.map((c, i) => isNumericType(c.type) || full.some((r) => r[i]!.numeric));
  const naturalWidths = (header: readonly string[], rows: readonly (readonly ExportCell[])[], size: number) => {
    doc.fontSize(size);
    return header.map((h, i) => {
      doc.font('bold');
      let w = doc.widthOfString(h);
      doc.font('regular');
      for (const r of rows) w = Math.max(w, doc.widthOfString(r[i]!.text));
      return w + 2 * CELL_PAD;
    });
  };
  const sum = (ws: readonly number[]) => ws.reduce((a, b) => a + b, 0);
  const fit = (header: readonly string[], rows: readonly (readonly ExportCell[])[]) => {
    let size = TABLE_FONT;
    let widths = naturalWidths(header, rows, size);
    // Text scales with the font, the cell padding does not: step down until it fits.
    while (sum(widths) > width && size > TABLE_FONT_MIN) {
      size = Math.max(TABLE_FONT_MIN, Math.min(size - 0.25, Math.floor(((size * width) / sum(widths)) * 4) / 4));
      widths = naturalWidths(header, rows, size);
    }
    return { size, widths };
  };

  let header = result.columns.map((c) => c.name);
  let rows: readonly (readonly ExportCell[])[] = full;
  let { size, widths } = fit(header, rows);
  if (sum(widths) > width) {
    const codes = result.columns.map((_c, i) => {
      const found = new Set(full.flatMap((r) => (r[i]!.text === '' ? [] : [r[i]!.currency ?? ''])));
      return found.size === 1 && !found.has('') ? [...found][0]! : null;
    });
    if (codes.some((c) => c !== null)) {
      header = header.map((h, i) => (codes[i] ? `${h} (${codes[i]})` : h));
      rows = full.map((r) => r.map((cell, i) => (codes[i] && cell.bare !== undefined ? { ...cell, text: cell.bare } : cell)));
      ({ size, widths } = fit(header, rows));
    }
  }
  // Column groups that each fit the page; every group after the first repeats column 0 as the key.
  const groups: number[][] = [];
  let group: number[] = [];
  for (let i = 0; i < header.length; i++) {
    const used = sum(group.map((j) => widths[j]!)) + (group.length === 0 && groups.length > 0 ? widths[0]! : 0);
    if (group.length > 0 && used + widths[i]! > width) {
      groups.push(group);
      group = [];
    }
    if (group.length === 0 && groups.length > 0 && i !== 0) group.push(0);
    group.push(i);
  }
  groups.push(group);

  const left = doc.page.margins.left;
  const rowHeight = size * 1.7;
  for (const columns of groups) {
    const groupWidth = sum(columns.map((i) => Math.min(widths[i]!, width)));
    const drawRow = (cells: readonly ExportCell[], bold: boolean, shade: boolean) => {
      const y = doc.y;
      if (shade) doc.rect(left, y, groupWidth, rowHeight).fillColor('#f3f5f8').fill();
      let x = left;
      doc.font(bold ? 'bold' : 'regular').fontSize(size).fillColor('#1d2733');
      for (const i of columns) {
        const w = Math.min(widths[i]!, width);
        doc.text(cells[i]!.text, x + CELL_PAD, y + size * 0.35, { width: w - 2 * CELL_PAD, align: numericColumns[i] ? 'right' : 'left', lineBreak: false, ellipsis: true, height: rowHeight });
        x += w;
      }
      doc.moveTo(left, y + rowHeight).lineTo(left + groupWidth, y + rowHeight).lineWidth(0.4).strokeColor('#d0d7de').stroke();
      doc.x = left;
      doc.y = y + rowHeight;
    };
    const headerCells: ExportCell[] = header.map((text) => ({ text, numeric: false }));
    ensureSpace(doc, rowHeight * 3);
    drawRow(headerCells, true, true);
    for (const row of rows) {
      if (doc.y + rowHeight > bottom(doc)) {
        doc.addPage();
        drawRow(headerCells, true, true);
      }
      drawRow(row, false, false);
    }
    doc.moveDown(0.5);
  }
  const note = (result.rows.length === 1 ? m.dt_nb_rows_one({ count: '1' }) : m.dt_nb_rows({ count: String(result.rows.length) })) + (result.truncated ? m.dt_nb_rows_truncated({ limit: String(result.rowLimit) }) : '') + (groups.length > 1 ? m.dt_exp_column_groups({ count: String(groups.length) }) : '');
  doc.font('regular').fontSize(7.5).fillColor('#6a737d').text(note, left, doc.y);
  doc.moveDown(0.6);
}

function chart(doc: Doc, option: EChartsOption): void {
  const width = contentWidth(doc);
  ensureSpace(doc, CHART_HEIGHT + 12);
  // ECharts lays out in CSS pixels; svg-to-pdfkit maps 96 px to 72 pt, so draw at 4/3 of the points.
  const svg = renderChartSvg(option, { width: Math.round((width * 4) / 3), height: Math.round((CHART_HEIGHT * 4) / 3) });
  const y = doc.y;
  SVGtoPDF(doc, svg, doc.page.margins.left, y, {
    width,
    height: CHART_HEIGHT,
    fontCallback: (_family: string, bold: boolean) => (bold ? 'bold' : 'regular'),
    warningCallback: () => undefined,
  });
  doc.x = doc.page.margins.left;
  doc.y = y + CHART_HEIGHT + 8;
}

function errorLine(doc: Doc, text: string): void {
  doc.font('regular').fontSize(8.5).fillColor('#b3261e').text(text, doc.page.margins.left, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.4);
}

/**
 * A rendered notebook (the same render the /notebooks/<name> page shows) as an A4 PDF: title,
 * description, the parameters used and when it was made; then in order each Markdown section's
 * text, each ```sql block's result (unless hidden) and each ```table block as a table, and each
 * ```chart block drawn by ECharts' server-side SVG renderer and placed as vectors (svg-to-pdfkit).
 * A block that failed prints its error. Fonts are embedded subsets with a ToUnicode map, so the text
 * can be searched and copied.
 */
export async function renderNotebookPdf(notebook: RenderedNotebook, options: NotebookPdfOptions): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    displayTitle: true,
    info: { Title: notebook.title, Creator: 'Ledgerlens', CreationDate: options.generatedAt },
  });
  const done = collectPdf(doc);

  const currency = notebookCurrency(notebook);
  const left = doc.page.margins.left;
  doc.font('bold').fontSize(18).fillColor('#1d2733').text(notebook.title, left, doc.y);
  if (notebook.description) doc.moveDown(0.2).font('regular').fontSize(10).fillColor('#444444').text(notebook.description);
  doc.moveDown(0.5);
  const stamp = new Intl.DateTimeFormat(stampLocale(), { timeZone: options.timezone, dateStyle: 'medium', timeStyle: 'short' }).format(options.generatedAt);
  doc.font('regular').fontSize(8.5).fillColor('#555555').text(m.dt_exp_made({ file: `${notebook.name}.md`, stamp, timezone: options.timezone }));
  const params = parameterLines(notebook);
  if (params.length > 0) {
    doc.moveDown(0.3).font('bold').fontSize(9).fillColor('#1d2733').text(m.dt_exp_parameters());
    doc.font('regular').fontSize(9);
    for (const p of params) doc.text(`${p.label}: ${p.value}`);
  }
  const errors = blockErrors(notebook);
  if (errors.length > 0) {
    doc.moveDown(0.4);
    for (const e of errors) errorLine(doc, `${notebook.name}.md, ${e}`);
  }
  doc.moveDown(0.6);

  for (const block of notebook.blocks) {
    switch (block.kind) {
      case 'markdown':
        prose(doc, block.html);
        break;
      case 'sql':
        if (block.error) errorLine(doc, m.dt_exp_block_error({ name: block.name, line: String(block.error.line), message: block.error.message }));
        else if (block.result && !block.hidden) table(doc, block.result, currency);
        break;
      case 'table':
        if (block.title) heading(doc, block.title, 3);
        if (block.error) errorLine(doc, m.dt_exp_table_error({ line: String(block.error.line), message: block.error.message }));
        else if (block.result) table(doc, block.result, currency);
        break;
      case 'chart':
        if (block.title) heading(doc, block.title, 3);
        if (block.error) errorLine(doc, m.dt_exp_chart_error({ line: String(block.error.line), message: block.error.message }));
        else if (block.option) chart(doc, block.option);
        break;
    }
  }

  // Page numbers, once every page exists.
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const y = doc.page.height - doc.page.margins.bottom + 16;
    // Writing below the bottom margin would make pdfkit start a new page: lift the margin meanwhile.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(7.5).fillColor('#6a737d');
    doc.text(m.dt_exp_page({ title: notebook.title, page: String(i + 1), count: String(range.count) }), doc.page.margins.left, y, { width: contentWidth(doc), align: 'right', lineBreak: false, height: 10 });
    doc.page.margins.bottom = margin;
  }
  doc.flushPages();
  doc.end();
  return done;
}
