/**
 * `npm run bench -- export [--rows 1000000]`
 *
 * Generates `rows` invoices in a DuckDB warehouse of its own (DuckDB's range(): text with quotes,
 * commas and Cyrillic, money in RUB/USD/EUR/JPY minor units, dates, instants), exports them in each
 * format through streamExport, each in a child process whose peak RSS is measured (VmHWM), and reads
 * every file back with a reader of its own — DuckDB for CSV and Parquet, apache-arrow's stream
 * reader for Arrow, exceljs's streaming reader for XLSX — checking the row count and the money sum
 * per currency to the minor unit. A child that only opens the warehouse and counts shows the floor.
 * Removes its files and ends with:
 *   export: rows=… peak_rss_mb=<largest of the four> formats=csv,xlsx,parquet,arrow verified=yes|no
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { RecordBatchReader } from 'apache-arrow';
import ExcelJS from 'exceljs';
import { EXPORT_FORMATS, type ExportFormat } from '../app/lib/server/exports/types.ts';
import { currencyDecimals } from '../app/lib/money.ts';
import { openWarehouse } from '../pipelines/warehouse/connection.ts';
import { CREATE_BENCH_TABLE } from './support/export-data.ts';

const run = promisify(execFile);
const CHILD = path.join(import.meta.dirname, 'support', 'export-child.ts');
/** Target peak RSS of one export process. */
const TARGET_MB = 300;

interface ChildResult {
  readonly format: string;
  readonly rows: number;
  readonly bytes: number;
  readonly seconds: number;
  readonly peakRssMb: number;
}

type Sums = Map<string, { rows: number; minor: bigint }>;

function addTo(sums: Sums, currency: string, minor: bigint): void {
  const s = sums.get(currency) ?? { rows: 0, minor: 0n };
  s.rows++;
  s.minor += minor;
  sums.set(currency, s);
}

const same = (a: Sums, b: Sums) =>
  a.size === b.size && [...a].every(([k, v]) => b.get(k)?.rows === v.rows && b.get(k)?.minor === v.minor);

async function duckdbSums(sql: string, file: string): Promise<Sums> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(sql, [file]);
    return new Map(reader.getRowsJS().map((r) => [String(r[0]), { rows: Number(r[1]), minor: BigInt(r[2] as bigint) }]));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function arrowSums(file: string): Promise<Sums> {
  const sums: Sums = new Map();
  const reader = await RecordBatchReader.from(fs.createReadStream(file));
  for await (const batch of reader) {
    const currency = batch.getChild('currency')!;
    const total = batch.getChild('total_minor')!;
    for (let i = 0; i < batch.numRows; i++) addTo(sums, currency.get(i) as string, total.get(i) as bigint);
  }
  return sums;
}

/** XLSX money is major units: back to minor units with the currency's decimals (the amounts written were exact decimals). */
async function xlsxSums(file: string): Promise<{ sums: Sums; definitions: boolean }> {
  const sums: Sums = new Map();
  let definitions = false;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'ignore', styles: 'ignore', hyperlinks: 'ignore' });
  for await (const sheet of reader) {
    let header: string[] | null = null;
    let isDefinitions = false;
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      const values = row.values as unknown[];
      if (!header) {
        header = values.map(String);
        isDefinitions = values[1] === 'Title';
        definitions ||= isDefinitions;
        continue;
      }
      if (isDefinitions) continue;
      const currency = String(values[header.indexOf('currency')]);
      const major = values[header.indexOf('total')] as number;
      addTo(sums, currency, BigInt(Math.round(major * 10 ** currencyDecimals(currency))));
    }
  }
  return { sums, definitions };
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { rows: { type: 'string', default: '1000000' } } });
  const rows = Number(values.rows);
  if (!Number.isInteger(rows) || rows < 1) throw new Error(`--rows must be a positive whole number, not ${values.rows}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerlens-bench-export-'));
  try {
    const file = path.join(dir, 'warehouse.duckdb');
    console.log(`generating ${rows} rows …`);
    const warehouse = await openWarehouse(file);
    let expected: Sums;
    try {
      await warehouse.exec(CREATE_BENCH_TABLE.replace('__ROWS__', String(rows)));
      const totals = await warehouse.query<{ currency: string; n: bigint; s: bigint }>(
        'SELECT currency, count(*) AS n, sum(total_minor)::HUGEINT AS s FROM bench.invoices GROUP BY currency',
      );
      expected = new Map(totals.map((t) => [t.currency, { rows: Number(t.n), minor: BigInt(t.s) }]));
    } finally {
      warehouse.close();
    }

    const child = async (format: ExportFormat | 'none'): Promise<ChildResult> => {
      const out = path.join(dir, `export.${format}`);
      const { stdout } = await run(process.execPath, ['--import', 'tsx', CHILD, file, format, out, String(rows)], { maxBuffer: 1 << 20 });
      return JSON.parse(stdout.trim().split('\n').at(-1)!) as ChildResult;
    };

    const floor = await child('none');
    console.log(`floor (node + tsx + DuckDB, warehouse opened, rows counted): ${floor.peakRssMb.toFixed(0)} MB peak RSS`);
    console.log('format    rows      size_MB  export_s  peak_rss_MB  read back');
    const results: (ChildResult & { verified: boolean; note: string })[] = [];
    for (const format of EXPORT_FORMATS) {
      const result = await child(format);
      const out = path.join(dir, `export.${format}`);
      let sums: Sums;
      let note = '';
      if (format === 'csv') sums = await duckdbSums('SELECT currency, count(*), sum(total_minor)::HUGEINT FROM read_csv($1, header = true) GROUP BY currency', out);
      else if (format === 'parquet') sums = await duckdbSums('SELECT currency, count(*), sum(total_minor)::HUGEINT FROM read_parquet($1) GROUP BY currency', out);
      else if (format === 'arrow') sums = await arrowSums(out);
      else {
        const x = await xlsxSums(out);
        sums = x.sums;
        note = x.definitions ? ', Definitions sheet' : ', NO Definitions sheet';
        if (!x.definitions) sums = new Map();
      }
      const verified = result.rows === rows && same(sums, expected);
      const readRows = [...sums.values()].reduce((s, v) => s + v.rows, 0);
      results.push({ ...result, verified, note });
      console.log(
        `${format.padEnd(8)}  ${String(result.rows).padEnd(8)}  ${(result.bytes / 1e6).toFixed(1).padStart(7)}  ${result.seconds.toFixed(1).padStart(8)}  ${result.peakRssMb.toFixed(0).padStart(11)}  ${verified ? 'ok' : 'MISMATCH'}: ${readRows} rows, sums per currency ${verified ? 'equal' : 'differ'}${note}`,
      );
      fs.rmSync(out, { force: true });
    }
    const peak = Math.max(...results.map((r) => r.peakRssMb));
    const over = results.filter((r) => r.peakRssMb >= TARGET_MB).map((r) => r.format);
    if (over.length) console.log(`over the ${TARGET_MB} MB target: ${over.join(', ')}`);
    console.log(`export: rows=${rows} peak_rss_mb=${peak.toFixed(0)} formats=${EXPORT_FORMATS.join(',')} verified=${results.every((r) => r.verified) ? 'yes' : 'no'}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
