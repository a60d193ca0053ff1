import ExcelJS from 'exceljs';
import { Writable } from 'node:stream';
import type { DuckDBDataChunk } from '@duckdb/node-api';
import { stringifyJson } from '../json.ts';
import { MONEY_SUFFIX } from './columns.ts';
import type { ByteSink } from './sink.ts';
import type { ColumnDefinitions, ExportColumn } from './types.ts';
import { cellValue, moneyCell, textCell, XLSX_DATE_FORMAT, XLSX_MAX_DATA_ROWS, XLSX_TIMESTAMP_FORMAT } from './xlsx-values.ts';

export const DEFINITIONS_SHEET = 'Definitions';

export interface XlsxMetadata {
  readonly title: string;
  readonly source: string;
  readonly sql: string;
  readonly params: unknown;
  /** ISO instant (UTC) of the export. */
  readonly exportedAt: Date;
  readonly timezone: string;
  readonly definitions: ColumnDefinitions;
}

/** The header of a column in the workbook: a money column loses `_minor`, since the sheet shows major units. */
export function xlsxHeader(column: ExportColumn): string {
  return column.money ? column.name.slice(0, -MONEY_SUFFIX.length) : column.name;
}

/** An Excel sheet name from the title: at most 31 characters, none of []:*?/\, never "Definitions". */
export function sheetName(title: string, part: number): string {
  const suffix = part > 1 ? ` (${part})` : '';
  let base = title.replace(/[[\]:*?/\\]/g, ' ').replace(/^'+|'+$/g, '').trim() || 'Data';
  if (base.toLowerCase() === DEFINITIONS_SHEET.toLowerCase()) base = 'Data';
  return base.slice(0, 31 - suffix.length) + suffix;
}

function describeType(column: ExportColumn, timezone: string): string {
  if (column.money) return `money: major units of the row's ${column.money.currencyColumn}, formatted with its code and decimals (other formats: ${column.name}, integer minor units)`;
  switch (column.kind) {
    case 'date':
      return 'date';
    case 'timestamp':
      return 'date and time (as stored, no time zone)';
    case 'timestamptz':
      return `date and time in ${timezone}`;
    default:
      return column.duckdbType;
  }
}

/**
 * Waits while the zip entry behind the sheet has more than its high-water mark queued.
 * Why: exceljs's worksheet stream writes into its zip entry without waiting (lib/utils/stream-buf.js
 * `_pipe` ignores write()'s result), so rows produced faster than zlib compresses them pile up
 * uncompressed: measured, 155 MB after 400,000 rows. The entry is the stream's pipe, a
 * readable-stream PassThrough; this reads its `_writableState`, exceljs 4.4's internals, and does
 * nothing if they are not there.
 */
async function zipEntryDrained(sheet: ExcelJS.Worksheet | undefined, sink: ByteSink): Promise<void> {
  const pipes = (sheet as { stream?: { pipes?: unknown } } | undefined)?.stream?.pipes;
  if (!Array.isArray(pipes)) return;
  for (const pipe of pipes as { _writableState?: { needDrain?: boolean }; once?: (e: string, f: () => void) => void; off?: (e: string, f: () => void) => void }[]) {
    if (!pipe._writableState?.needDrain || !pipe.once || !pipe.off) continue;
    await new Promise<void>((resolve, reject) => {
      const onClose = () => {
        pipe.off!('drain', onDrain);
        reject(new Error('the export destination closed before the export ended'));
      };
      const onDrain = () => {
        sink.out.off('close', onClose);
        resolve();
      };
      pipe.once!('drain', onDrain);
      sink.out.once('close', onClose);
    });
  }
}

/** A Writable that hands exceljs's zip bytes to the sink, so the destination's backpressure reaches the zip writer. */
function sinkWritable(sink: ByteSink): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      sink.write(chunk).then(() => callback(), callback);
    },
  });
}

/**
 * Writes the chunks as an XLSX workbook with exceljs's streaming writer (rows are committed and
 * leave memory as they are written; no shared-strings table, which would hold every text):
 * a data sheet (more when the rows exceed Excel's 1,048,575 per sheet) with a frozen header, and a
 * "Definitions" sheet: title, source, SQL, parameters, export time and zone, row count, then each
 * column with its type and definition.
 */
export async function writeXlsx(
  chunks: AsyncIterable<DuckDBDataChunk>,
  columns: readonly ExportColumn[],
  metadata: XlsxMetadata,
  sink: ByteSink,
): Promise<number> {
  const out = sinkWritable(sink);
  const finished = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Ledgerlens';
  workbook.created = metadata.exportedAt;
  const currencyIndex = new Map(columns.map((c, i) => [c.name, i]));

  let sheet: ExcelJS.Worksheet | undefined;
  let part = 0;
  let rowsInSheet = 0;
  const openSheet = () => {
    part++;
    rowsInSheet = 0;
    const ws = workbook.addWorksheet(sheetName(metadata.title, part), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = columns.map((c) => ({ header: xlsxHeader(c), width: Math.min(40, Math.max(10, xlsxHeader(c).length + 2)) }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    return ws;
  };

  // One style object per column and per currency, reused for every cell: exceljs caches a style id
  // per style *object*, and a fresh object per cell (what `cell.numFmt = …` makes) costs a style
  // lookup by value for each of a million cells.
  const columnStyles: Partial<ExcelJS.Style>[] = columns.map((c) =>
    c.kind === 'date' ? { numFmt: XLSX_DATE_FORMAT } : c.kind === 'timestamp' || c.kind === 'timestamptz' ? { numFmt: XLSX_TIMESTAMP_FORMAT } : {},
  );
  const moneyStyles = new Map<string, Partial<ExcelJS.Style>>();
  const moneyStyle = (numFmt: string) => {
    let style = moneyStyles.get(numFmt);
    if (!style) moneyStyles.set(numFmt, (style = { numFmt }));
    return style;
  };

  let rows = 0;
  for await (const chunk of chunks) {
    const vectors = columns.map((_, c) => chunk.getColumnVector(c));
    for (let r = 0; r < chunk.rowCount; r++) {
      if (!sheet || rowsInSheet === XLSX_MAX_DATA_ROWS) {
        if (sheet) sheet.commit();
        sheet = openSheet();
      }
      const row = sheet.getRow(rowsInSheet + 2);
      for (let c = 0; c < columns.length; c++) {
        const column = columns[c]!;
        const value = vectors[c]!.getItem(r);
        if (value === null) continue;
        const cell = row.getCell(c + 1);
        if (column.money) {
          const currency = vectors[currencyIndex.get(column.money.currencyColumn)!]!.getItem(r);
          const money = moneyCell(value as bigint | number, currency);
          cell.style = moneyStyle(money.numFmt);
          cell.value = money.value;
        } else {
          cell.style = columnStyles[c]!;
          cell.value = cellValue(column, value);
        }
      }
      row.commit();
      rowsInSheet++;
      rows++;
    }
    // Let a slow destination, or zlib, hold the producer back.
    await zipEntryDrained(sheet, sink);
    await sink.drained();
  }
  if (!sheet) sheet = openSheet();
  sheet.commit();
  writeDefinitions(workbook.addWorksheet(DEFINITIONS_SHEET), columns, metadata, rows);
  await workbook.commit();
  await finished;
  return rows;
}

function writeDefinitions(ws: ExcelJS.Worksheet, columns: readonly ExportColumn[], metadata: XlsxMetadata, rows: number): void {
  ws.columns = [{ width: 24 }, { width: 40 }, { width: 100 }];
  const local = new Intl.DateTimeFormat('sv-SE', { timeZone: metadata.timezone, dateStyle: 'short', timeStyle: 'medium' }).format(metadata.exportedAt);
  const about: [string, string][] = [
    ['Title', metadata.title],
    ['Source', metadata.source],
    ['SQL', metadata.sql],
    ['Parameters', stringifyJson(metadata.params ?? [])],
    ['Exported at', `${metadata.exportedAt.toISOString()} (${local} ${metadata.timezone})`],
    ['Time zone', `${metadata.timezone}: date-times are shown in this zone; dates are calendar days`],
    ['Rows', String(rows)],
  ];
  for (const [label, text] of about) {
    const row = ws.addRow([label, textCell(text)]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: label === 'SQL', vertical: 'top' };
    row.commit();
  }
  ws.addRow([]).commit();
  const header = ws.addRow(['Column', 'Type', 'Definition']);
  header.font = { bold: true };
  header.commit();
  for (const c of columns) {
    ws.addRow([xlsxHeader(c), describeType(c, metadata.timezone), textCell(metadata.definitions[c.name] ?? '')]).commit();
  }
  ws.commit();
}
