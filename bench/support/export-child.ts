/**
 * One export of the export benchmark, in a process of its own so its peak memory is its own:
 *   tsx bench/support/export-child.ts <warehouse.duckdb> <csv|xlsx|parquet|arrow|none> <out file> <rows>
 * Prints one JSON line: { format, rows, bytes, seconds, peakRssMb }. `none` opens the warehouse and
 * counts the rows without exporting (the floor: Node, tsx, DuckDB and the modules loaded).
 */
import fs from 'node:fs';
import { isExportFormat } from '../../app/lib/server/exports/formats.ts';
import { streamExport } from '../../app/lib/server/exports/stream-export.ts';
import { openWarehouse } from '../../pipelines/warehouse/connection.ts';
import { BENCH_DEFINITIONS, BENCH_EXPORT_SQL } from './export-data.ts';

/** Peak resident set of this process in MB: the kernel's high-water mark (VmHWM), else Node's maxRSS. */
function peakRssMb(): number {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {
    // not Linux: fall through
  }
  return process.resourceUsage().maxRSS / 1024;
}

const [file, format, outFile, rowsArg] = process.argv.slice(2);
if (!file || !format || !outFile || !rowsArg) throw new Error('usage: export-child.ts <warehouse> <format|none> <out> <rows>');
const warehouse = await openWarehouse(file);
const started = performance.now();
let rows = 0;
let bytes = 0;
try {
  if (format === 'none') {
    const [row] = await warehouse.query<{ n: bigint }>(`SELECT count(*) AS n FROM (${BENCH_EXPORT_SQL})`, [BigInt(rowsArg)]);
    rows = Number(row!.n);
  } else {
    if (!isExportFormat(format)) throw new Error(`unknown format ${format}`);
    const summary = await streamExport(
      warehouse,
      { sql: BENCH_EXPORT_SQL, params: [BigInt(rowsArg)], format, definitions: BENCH_DEFINITIONS, title: 'Benchmark invoices', source: 'bench/export.ts', timezone: 'Europe/Moscow' },
      fs.createWriteStream(outFile),
    );
    rows = summary.rows;
    bytes = summary.bytes;
  }
} finally {
  warehouse.close();
}
console.log(JSON.stringify({ format, rows, bytes, seconds: (performance.now() - started) / 1000, peakRssMb: peakRssMb() }));
