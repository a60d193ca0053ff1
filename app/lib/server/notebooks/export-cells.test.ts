import { describe, expect, it } from 'vitest';
import { exportRows, formatMoney } from './export-cells.ts';
import { proseItems } from './prose-text.ts';

describe('export cells', () => {
  it('formats money exactly, with the currency’s decimals and code', () => {
    expect(formatMoney('1234567.8', 'RUB')).toBe('1,234,567.80 RUB');
    expect(formatMoney('-0.05', 'USD')).toBe('-0.05 USD');
    expect(formatMoney('-0.00', 'EUR')).toBe('0.00 EUR');
    expect(formatMoney('12345', 'JPY')).toBe('12,345 JPY');
    expect(formatMoney('92233720368547758.07', 'RUB')).toBe('92,233,720,368,547,758.07 RUB'); // beyond 2^53: no float on the way
  });

  it('treats a DECIMAL of the currency’s scale as money, from the row’s currency column or the notebook’s', () => {
    const result = {
      columns: [
        { name: 'month', type: 'DATE' },
        { name: 'currency', type: 'VARCHAR' },
        { name: 'invoiced', type: 'DECIMAL(38,2)' },
        { name: 'invoiced_minor', type: 'HUGEINT' },
        { name: 'dso', type: 'DECIMAL(18,1)' },
      ],
      rows: [['2026-10-01', 'USD', '1234.5', '123450', '41.2']],
      truncated: false,
      rowLimit: 50,
    };
    expect(exportRows(result, 'RUB')[0]!.map((c) => [c.text, c.numeric])).toEqual([
      ['2026-10-01', false],
      ['USD', false],
      ['1,234.50 USD', true],
      ['123,450', true],
      ['41.2', true],
    ]);
    const noCurrencyColumn = { ...result, columns: result.columns.filter((c) => c.name !== 'currency'), rows: [['2026-10-01', '1234.5', '123450', '41.2']] };
    expect(exportRows(noCurrencyColumn, 'RUB')[0]![1]!.text).toBe('1,234.50 RUB');
    expect(exportRows(noCurrencyColumn, null)[0]![1]!.text).toBe('1,234.5');
  });
});

describe('prose text', () => {
  it('reads markdown-it’s HTML back as headings, paragraphs, items and code', () => {
    const html = '<h2>Revenue &amp; cash</h2>\n<p>Invoiced <code>x</code>\nby month.</p>\n<ul>\n<li>one</li>\n<li><strong>two</strong></li>\n</ul>\n<pre><code>select 1 &lt; 2\n</code></pre>\n<hr>\n';
    expect(proseItems(html)).toEqual([
      { kind: 'heading', level: 2, text: 'Revenue & cash' },
      { kind: 'paragraph', text: 'Invoiced x by month.' },
      { kind: 'item', marker: '•', text: 'one' },
      { kind: 'item', marker: '•', text: 'two' },
      { kind: 'code', text: 'select 1 < 2' },
      { kind: 'rule' },
    ]);
  });
});
