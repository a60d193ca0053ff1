import { m } from '$lib/paraglide/messages.js';
import { currentLocale } from '$lib/i18n/locale.ts';
import { currencyDecimals, isCurrencyCode } from '../../money.ts';
import type { RenderedNotebook, ResultTableData } from '../../notebooks/types.ts';
import { formatCell, isNumericType } from '../../notebooks/format-cell.ts';

/**
 * Table cells of a notebook exported to PDF or HTML: numbers right-aligned with grouped digits (on
 * the exact decimal text, never through a float) and money with its currency.
 *
 * Which columns are money: notebooks convert minor units to major ones in SQL (`sum(x_minor) * 0.01`,
 * a DECIMAL with two places), so a DECIMAL column whose scale is the currency's number of decimals is
 * an amount in that currency, when the notebook says which currency: a `currency` column in the
 * row, or else a `currency` parameter. Integer `<name>_minor` columns stay minor units, as on the page.
 * Known limitation: a DECIMAL of the same scale that is not money (a rate written `round(x, 2)`)
 * is shown with the currency too; write such figures with another scale, or as DOUBLE.
 */
export interface ExportCell {
  readonly text: string;
  readonly numeric: boolean;
  /** For an amount: its currency, and the amount without the code (a narrow table puts the code in the header). */
  readonly currency?: string;
  readonly bare?: string;
}

const DECIMAL_SCALE = /^DECIMAL\(\d+,(\d+)\)$/;

function groupDigits(text: string): string {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(text);
  if (!match) return text;
  return `${match[1]}${match[2]!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${match[3] ?? ''}`;
}

/** An exact major-unit amount as text: grouped digits, the currency's decimals, its code: "1,234,567.80 RUB". */
export function formatMoney(amount: string, currency: string): string {
  const decimals = currencyDecimals(currency);
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!match) return `${amount} ${currency}`;
  const fraction = (match[3] ?? '').padEnd(decimals, '0').slice(0, decimals);
  const sign = match[1] && /[1-9]/.test(match[2]! + fraction) ? '-' : '';
  return `${sign}${groupDigits(match[2]!)}${decimals ? `.${fraction}` : ''} ${currency}`;
}

/** The notebook's currency parameter, when it has one set to a currency code. */
export function notebookCurrency(notebook: Pick<RenderedNotebook, 'values'>): string | null {
  const value = notebook.values.find((v) => v.name === 'currency')?.value ?? null;
  return value !== null && isCurrencyCode(value) ? value : null;
}

/** Every cell of a result as text, with whether it is a number (right-aligned). */
export function exportRows(result: ResultTableData, currency: string | null): ExportCell[][] {
  const currencyIndex = result.columns.findIndex((c) => c.name === 'currency');
  return result.rows.map((row) =>
    row.map((value, i) => {
      const column = result.columns[i]!;
      const numeric = isNumericType(column.type);
      if (value === null || value === undefined) return { text: '', numeric };
      const scale = DECIMAL_SCALE.exec(column.type);
      const rowCurrency = currencyIndex >= 0 ? String(row[currencyIndex] ?? '') : currency;
      if (scale && rowCurrency && isCurrencyCode(rowCurrency) && Number(scale[1]) === currencyDecimals(rowCurrency)) {
        const text = formatMoney(String(value), rowCurrency);
        return { text, numeric: true, currency: rowCurrency, bare: text.slice(0, -(rowCurrency.length + 1)) };
      }
      const text = formatCell(value, column.type);
      return { text, numeric };
    }),
  );
}

/** The date style of a report's "made" stamp: "1 Dec 2026, 09:00" in English, "1 дек. 2026 г., 09:00" in Russian. */
export function stampLocale(): string {
  return currentLocale() === 'ru' ? 'ru-RU' : 'en-GB';
}

/** Parameters as "label: value" pairs for the report's header. */
export function parameterLines(notebook: Pick<RenderedNotebook, 'params' | 'values'>): { label: string; value: string }[] {
  return notebook.params.map((spec) => {
    const value = notebook.values.find((v) => v.name === spec.name);
    return { label: spec.label, value: value?.value ?? (spec.optional ? m.dt_exp_all() : '') };
  });
}

/** The blocks' errors, as "line N: message" (an exported report lists them rather than hiding them). */
export function blockErrors(notebook: RenderedNotebook): string[] {
  const out: string[] = [];
  if (notebook.frontMatterError) out.push(m.dt_exp_line_error({ line: String(notebook.frontMatterError.line), message: notebook.frontMatterError.message }));
  for (const v of notebook.values) if (v.error) out.push(v.error);
  for (const block of notebook.blocks) {
    if ('error' in block && block.error) out.push(m.dt_exp_line_error({ line: String(block.error.line), message: block.error.message }));
  }
  return out;
}
