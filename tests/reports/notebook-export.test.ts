/**
 * A shipped notebook exported as PDF and as standalone HTML against a generated demo warehouse (real
 * DuckDB): the PDF's text, read back with poppler's pdftotext, and the HTML both carry figures equal
 * to the dashboards' own server functions', formatted with their currency; the HTML loads nothing.
 */
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonthString } from '../../app/lib/months.ts';
import { minorToDecimalString } from '../../app/lib/money.ts';
import type { RenderedNotebook } from '../../app/lib/notebooks/types.ts';
import { formatMoney } from '../../app/lib/server/notebooks/export-cells.ts';
import { notebookFile } from '../../app/lib/server/notebooks/export.ts';
import { renderNotebook } from '../../app/lib/server/notebooks/render.ts';
import { agingReport } from '../../app/lib/server/receivables/aging.ts';
import { queryRevenueMonthly } from '../../app/lib/server/revenue/queries.ts';
import type { Warehouse } from '../../pipelines/warehouse/connection.ts';
import { generatedWarehouse, TODAY, TZ } from '../notebooks/fixture.ts';
import { tempDataDir } from '../support/warehouse.ts';

const SHIPPED = path.join(import.meta.dirname, '..', '..', 'notebooks');
const MADE_AT = new Date('2026-11-20T10:00:00Z');

let temp: ReturnType<typeof tempDataDir>;
let warehouse: Warehouse;
let instance: DuckDBInstance;
let connection: DuckDBConnection;
let notebook: RenderedNotebook;
let revenueFigure: string;
let agingFigure: string;

beforeAll(async () => {
  temp = tempDataDir('ledgerlens-notebook-export-');
  ({ warehouse, instance } = await generatedWarehouse(temp.dir));
  connection = await instance.connect();
  const source = fs.readFileSync(path.join(SHIPPED, 'monthly-board-pack.md'), 'utf8');
  notebook = await renderNotebook('monthly-board-pack', source, new URLSearchParams({ from: '2025-12', to: '2026-10', currency: 'RUB', as_of: TODAY }), { today: TODAY, connection });
  // The dashboards' own figures: /revenue's invoiced for October 2026, /receivables' current RUB balance.
  const revenue = await queryRevenueMonthly(warehouse, { from: '2026-10' as MonthString, to: '2026-10' as MonthString, currency: 'RUB' });
  revenueFigure = formatMoney(minorToDecimalString(revenue[0]!.invoiced_minor, 'RUB'), 'RUB');
  const aging = await agingReport(warehouse, { asOf: TODAY, basis: 'due_date', bounds: [0, 30, 60, 90, 120], groupBy: 'currency' });
  agingFigure = formatMoney(minorToDecimalString(aging.totals.find((t) => t.currency === 'RUB')!.buckets[0]!, 'RUB'), 'RUB');
}, 240_000);

afterAll(() => {
  connection?.closeSync();
  warehouse?.close();
  temp?.remove();
});

describe('notebook as PDF', () => {
  it('has the title, the parameters, the prose, the tables with money in RUB, and the charts', async () => {
    const errors = notebook.blocks.flatMap((b) => ('error' in b && b.error ? [b.error.message] : []));
    expect(errors).toEqual([]);
    const file = await notebookFile(notebook, 'pdf', { generatedAt: MADE_AT, timezone: TZ });
    expect(file.filename).toBe('monthly-board-pack_2025-12_2026-10_RUB_2026-11-20.pdf');
    expect(file.body.subarray(0, 5).toString()).toBe('%PDF-');
    const pdf = path.join(temp.dir, file.filename);
    fs.writeFileSync(pdf, file.body);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('Monthly board pack');
    expect(text).toContain('Currency: RUB');
    expect(text).toContain('First month: 2025-12');
    expect(text).toContain('Receivables aging'); // a Markdown heading
    expect(text).toContain('One currency at a time'); // a Markdown paragraph
    expect(text).toContain(revenueFigure);
    expect(text).toContain(agingFigure);
    expect(text).toContain('MRR movements by month'); // a chart's title
    expect(text).toMatch(/page 1 of \d+/);
    // The nine-column MRR table fits at a smaller font: no figure is cut.
    const bridge = notebook.blocks.find((b) => b.kind === 'sql' && b.name === 'mrr_bridge');
    const closing = bridge && bridge.kind === 'sql' ? String(bridge.result!.rows.at(-1)![bridge.result!.columns.findIndex((c) => c.name === 'closing')]) : '';
    expect(text).toContain(formatMoney(closing, 'RUB'));
    expect(text).not.toMatch(/\d(?:…|\.\.\.)/); // pdfkit’s ellipsis: nothing was cut
    // Each chart is drawn as vectors: its axis labels are text of the PDF too.
    expect(text).toContain('dso_countback');
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBeGreaterThan(1);
  });

  it('paginates a long table and repeats its header on every page', async () => {
    const long: RenderedNotebook = {
      ...notebook,
      title: 'Long table',
      blocks: [
        {
          kind: 'table',
          line: 1,
          query: 'rows',
          title: null,
          error: null,
          result: {
            columns: [
              { name: 'n', type: 'BIGINT' },
              { name: 'amount', type: 'DECIMAL(18,2)' },
            ],
            rows: Array.from({ length: 300 }, (_v, i) => [i + 1, `${i + 1}000.50`]),
            truncated: false,
            rowLimit: 5000,
          },
        },
      ],
    };
    const file = await notebookFile(long, 'pdf', { generatedAt: MADE_AT, timezone: TZ });
    const pdf = path.join(temp.dir, 'long.pdf');
    fs.writeFileSync(pdf, file.body);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    const last = execFileSync('pdftotext', ['-enc', 'UTF-8', '-f', String(pages), '-l', String(pages), pdf, '-'], { encoding: 'utf8' });
    expect(last).toContain('amount'); // the header again
    expect(last).toContain('300,000.50 RUB');
  });

  it('moves the currency code into the header of a table too wide for it, then splits the columns into groups', async () => {
    const names = Array.from({ length: 16 }, (_v, i) => `amount_${i + 1}`);
    const wide: RenderedNotebook = {
      ...notebook,
      title: 'Wide table',
      blocks: [
        {
          kind: 'table',
          line: 1,
          query: 'wide',
          title: null,
          error: null,
          result: {
            columns: [{ name: 'month', type: 'DATE' }, ...names.map((name) => ({ name, type: 'DECIMAL(38,2)' }))],
            rows: [['2026-10-01', ...names.map((_n, i) => `${i + 1}234567.89`)]],
            truncated: false,
            rowLimit: 5000,
          },
        },
      ],
    };
    const file = await notebookFile(wide, 'pdf', { generatedAt: MADE_AT, timezone: TZ });
    const pdf = path.join(temp.dir, 'wide.pdf');
    fs.writeFileSync(pdf, file.body);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('amount_16 (RUB)');
    expect(text).toContain('16,234,567.89');
    expect(text).toMatch(/column groups/);
    expect(text.match(/\bmonth\b/g)!.length).toBeGreaterThan(1); // the key column repeats in every group
    expect(text).not.toMatch(/\d(?:…|\.\.\.)/);
  });
});

describe('notebook as standalone HTML', () => {
  it('carries the same figures, the charts as inline SVG, and loads nothing from anywhere', async () => {
    const file = await notebookFile(notebook, 'html', { generatedAt: MADE_AT, timezone: TZ });
    expect(file.filename).toBe('monthly-board-pack_2025-12_2026-10_RUB_2026-11-20.html');
    const html = file.body.toString('utf8');
    expect(html).toContain('<h1>Monthly board pack</h1>');
    expect(html).toContain(revenueFigure);
    expect(html).toContain(agingFigure);
    expect(html.match(/<svg\b/g)?.length).toBe(notebook.blocks.filter((b) => b.kind === 'chart').length);
    expect(html).toContain('<td class="num">');
    // Nothing is fetched: no script, no external stylesheet, font or image, and a CSP that forbids them.
    expect(html).not.toMatch(/<script\b/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/@import/i);
    expect(html).not.toMatch(/\b(?:src|href|xlink:href)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
  });
});
