import { describe, expect, it } from 'vitest';
import { buildNotebookChartOption, NotebookChartError } from './notebook-chart-option.ts';

const data = {
  columns: [{ name: 'month' }, { name: 'currency' }, { name: 'invoiced' }, { name: 'collected' }],
  rows: [
    ['2026-01-01', 'RUB', '100.50', '90.00'],
    ['2026-01-01', 'USD', '10.00', null],
    ['2026-02-01', 'RUB', '120.00', '80.25'],
  ],
};

describe('buildNotebookChartOption', () => {
  it('draws one series per y column, months labelled YYYY-MM, exact strings as numbers', () => {
    const option = buildNotebookChartOption({ type: 'bar', x: 'month', y: ['invoiced', 'collected'], series: null, stack: false }, { ...data, rows: data.rows.filter((r) => r[1] === 'RUB') });
    expect(option.xAxis).toMatchObject({ data: ['2026-01', '2026-02'] });
    expect((option.series as { name: string; data: unknown[] }[]).map((s) => [s.name, s.data])).toEqual([
      ['invoiced', [100.5, 120]],
      ['collected', [90, 80.25]],
    ]);
  });

  it('splits by the series column and leaves gaps as null', () => {
    const option = buildNotebookChartOption({ type: 'line', x: 'month', y: ['collected'], series: 'currency', stack: true }, data);
    expect((option.series as { name: string; data: unknown[]; stack?: string }[]).map((s) => [s.name, s.data, s.stack])).toEqual([
      ['RUB', [90, 80.25], 'lines'],
      ['USD', [null, null], 'lines'],
    ]);
  });

  it('names the columns the query has when one is missing', () => {
    expect(() => buildNotebookChartOption({ type: 'line', x: 'month', y: ['nope'], series: null, stack: false }, data)).toThrow(NotebookChartError);
    expect(() => buildNotebookChartOption({ type: 'line', x: 'month', y: ['nope'], series: null, stack: false }, data)).toThrow(/its columns: month, currency, invoiced, collected/);
  });
});
