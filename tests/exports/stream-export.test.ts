/**
 * streamExport on a real DuckDB: each format read back by a reader of its own (DuckDB for CSV and
 * Parquet, apache-arrow for the Arrow stream, exceljs for XLSX), rows and money sums to the minor unit.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { DuckDBInstance } from '@duckdb/node-api';
import { tableFromIPC } from 'apache-arrow';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportInputError } from '../../app/lib/server/exports/errors.ts';
import { streamExport } from '../../app/lib/server/exports/stream-export.ts';
import type { ExportFormat } from '../../app/lib/server/exports/types.ts';
import { wrapConnection, type Warehouse } from '../../pipelines/warehouse/connection.ts';
import { openTestWarehouse, tempDataDir } from '../support/warehouse.ts';

const TRICKY = 'ООО "Ромашка", Москва\nline two; \'single\' quotes';

const CREATE = `
CREATE TABLE invoices AS
SELECT
  i AS id,
  CASE WHEN i = 7 THEN '${TRICKY.replaceAll("'", "''")}' ELSE 'Клиент ' || i END AS customer,
  ['RUB', 'USD', 'JPY', 'KWD'][1 + i % 4] AS currency,
  CASE WHEN i = 3 THEN -12345 WHEN i = 5 THEN 900719925474099 ELSE (i * 137 + 1)::BIGINT END AS total_minor,
  DATE '2026-01-01' + (i % 90)::INTEGER AS issued_on,
  TIMESTAMPTZ '2026-03-31 21:30:00+00' + to_seconds(i * 60) AS paid_at,
  CASE WHEN i % 10 = 0 THEN NULL ELSE (i / 8)::DECIMAL(12, 3) END AS rate
FROM range(5000) t(i)`;

const SQL = 'SELECT id, customer, currency, total_minor, issued_on, paid_at, rate, sum(total_minor) OVER () AS all_minor FROM invoices WHERE id < $1 ORDER BY id';
const ROWS = 4100; // crosses DuckDB's 2,048-row chunks

describe('streamExport', () => {
  const tmp = tempDataDir('ledgerlens-export-test-');
  let warehouse: Warehouse;
  let memory: { instance: DuckDBInstance; warehouse: Warehouse };
  let expected: Map<string, { n: number; minor: bigint }>;
  let allMinor: bigint;

  const exportTo = async (w: Warehouse, format: ExportFormat, name: string = format) => {
    const file = path.join(tmp.dir, `out-${name}.${format}`);
    const summary = await streamExport(
      w,
      { sql: SQL, params: [BigInt(ROWS)], format, title: 'Test invoices', source: 'tests/exports', timezone: 'Europe/Moscow', tempDir: path.join(tmp.dir, 'scratch'), definitions: { total_minor: 'Invoice total.', customer: 'Who was billed.' }, now: new Date('2026-04-01T09:00:00Z') },
      fs.createWriteStream(file),
    );
    return { file, summary };
  };

  const duckdbRead = async (sql: string, file: string) => (await warehouse.connection.runAndReadAll(sql, [file])).getRowObjectsJS();

  beforeAll(async () => {
    warehouse = await openTestWarehouse(tmp.dir);
    await warehouse.exec(CREATE);
    const instance = await DuckDBInstance.create(':memory:');
    memory = { instance, warehouse: wrapConnection(await instance.connect()) };
    await memory.warehouse.exec(CREATE);
    const rows = await warehouse.query<{ currency: string; n: bigint; s: bigint }>(
      'SELECT currency, count(*) AS n, sum(total_minor)::BIGINT AS s FROM invoices WHERE id < $1 GROUP BY currency',
      [BigInt(ROWS)],
    );
    expected = new Map(rows.map((r) => [r.currency, { n: Number(r.n), minor: r.s }]));
    allMinor = [...expected.values()].reduce((s, v) => s + v.minor, 0n);
  });
  afterAll(() => {
    warehouse?.close();
    memory?.warehouse.close();
    memory?.instance.closeSync();
    tmp.remove();
  });

  it('CSV: DuckDB reads it back; minor units stay integers, text with quotes, commas, newlines and Cyrillic survives', async () => {
    const { file, summary } = await exportTo(warehouse, 'csv');
    expect(summary.rows).toBe(ROWS);
    const sums = await duckdbRead(`SELECT currency, count(*) AS n, sum(total_minor) AS s, typeof(first(total_minor)) AS t FROM read_csv($1, header = true) GROUP BY currency`, file);
    for (const r of sums) expect([r.currency, Number(r.n), BigInt(r.s as bigint)]).toEqual([r.currency, expected.get(r.currency as string)!.n, expected.get(r.currency as string)!.minor]);
    expect(sums.every((r) => r.t === 'BIGINT')).toBe(true);
    const [tricky] = await duckdbRead(`SELECT customer, all_minor FROM read_csv($1, header = true) WHERE id = 7`, file);
    expect(tricky!.customer).toBe(TRICKY);
    expect(BigInt(tricky!.all_minor as bigint)).toBe(allMinor); // HUGEINT of sum() written as an exact integer
    expect(fs.readdirSync(path.join(tmp.dir, 'scratch'))).toEqual([]); // scratch files removed
  });

  it('Parquet: DuckDB reads it back with BIGINT money (sum() narrowed from HUGEINT), DATE and TIMESTAMPTZ types', async () => {
    const { file, summary } = await exportTo(warehouse, 'parquet');
    expect(summary.rows).toBe(ROWS);
    const sums = await duckdbRead(`SELECT currency, count(*) AS n, sum(total_minor) AS s FROM read_parquet($1) GROUP BY currency`, file);
    expect(new Map(sums.map((r) => [r.currency, { n: Number(r.n), minor: BigInt(r.s as bigint) }]))).toEqual(expected);
    const types = await duckdbRead(`SELECT column_name AS c, column_type AS t FROM (DESCRIBE SELECT * FROM read_parquet($1))`, file);
    expect(Object.fromEntries(types.map((t) => [t.c, t.t]))).toMatchObject({ total_minor: 'BIGINT', all_minor: 'BIGINT', issued_on: 'DATE', paid_at: 'TIMESTAMP WITH TIME ZONE', rate: 'DECIMAL(12,3)' });
    const [tricky] = await duckdbRead(`SELECT customer FROM read_parquet($1) WHERE id = 7`, file);
    expect(tricky!.customer).toBe(TRICKY);
  });

  for (const where of ['own connection', 'staged (bare connection)'] as const) {
    it(`Arrow IPC stream (${where}): apache-arrow reads it back; Int64 money, DateDay, UTC microseconds, Decimal128`, async () => {
      const w = where === 'own connection' ? warehouse : memory.warehouse;
      const { file, summary } = await exportTo(w, 'arrow', `arrow-${where.split(' ')[0]}`);
      expect(summary.rows).toBe(ROWS);
      const table = tableFromIPC(fs.readFileSync(file));
      expect(table.numRows).toBe(ROWS);
      const sums = new Map<string, { n: number; minor: bigint }>();
      const currency = table.getChild('currency')!;
      const total = table.getChild('total_minor')!;
      for (let i = 0; i < table.numRows; i++) {
        const s = sums.get(currency.get(i)) ?? { n: 0, minor: 0n };
        s.n++;
        s.minor += total.get(i) as bigint;
        sums.set(currency.get(i), s);
      }
      expect(sums).toEqual(expected);
      expect(String(table.schema.fields.find((f) => f.name === 'total_minor')!.type)).toBe('Int64');
      expect(table.schema.fields.find((f) => f.name === 'total_minor')!.metadata.get('definition')).toBe('Invoice total.');
      expect(table.schema.metadata.get('title')).toBe('Test invoices');
      const row7 = table.get(7)!.toJSON();
      expect(row7.customer).toBe(TRICKY);
      expect(row7.issued_on).toBe(Date.UTC(2026, 0, 8)); // DateDay reads as epoch ms
      expect(table.getChild('paid_at')!.type.timezone).toBe('UTC');
      expect(table.getChild('paid_at')!.get(0)).toBe(Date.UTC(2026, 2, 31, 21, 30));
      expect(table.getChild('rate')!.get(0)).toBeNull();
      expect(table.getChild('all_minor')!.get(0)).toBe(allMinor);
      // Decimal128 holds the unscaled integer: id 9 → 9 / 8 = 1.125 → 1125 at scale 3
      expect(table.getChild('rate')!.type).toMatchObject({ precision: 12, scale: 3, bitWidth: 128 });
      expect(BigInt(table.getChild('rate')!.get(9).toString())).toBe(1125n);
    });
  }

  for (const where of ['own connection', 'staged (bare connection)'] as const) {
    it(`XLSX (${where}): exceljs reads numbers, dates and money in the currency's format; a Definitions sheet`, async () => {
      const w = where === 'own connection' ? warehouse : memory.warehouse;
      const { file, summary } = await exportTo(w, 'xlsx', `xlsx-${where.split(' ')[0]}`);
      expect(summary.rows).toBe(ROWS);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(file);
      expect(workbook.worksheets.map((s) => s.name)).toEqual(['Test invoices', 'Definitions']);
      const sheet = workbook.worksheets[0]!;
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      expect(header).toEqual(['id', 'customer', 'currency', 'total', 'issued_on', 'paid_at', 'rate', 'all']);
      expect(sheet.rowCount).toBe(ROWS + 1);
      const col = (name: string) => header.indexOf(name) + 1;
      const decimals: Record<string, number> = { RUB: 2, USD: 2, JPY: 0, KWD: 3 };
      const sums = new Map<string, { n: number; minor: bigint }>();
      for (let r = 2; r <= ROWS + 1; r++) {
        const row = sheet.getRow(r);
        const cur = row.getCell(col('currency')).value as string;
        const cell = row.getCell(col('total'));
        expect(typeof cell.value).toBe('number');
        const s = sums.get(cur) ?? { n: 0, minor: 0n };
        s.n++;
        s.minor += BigInt(Math.round((cell.value as number) * 10 ** decimals[cur]!));
        sums.set(cur, s);
      }
      expect(sums).toEqual(expected);
      // sheet row = id + 2. id 3: KWD −12.345 (−12345 fils); id 1: USD 1.38; id 2: JPY 275; id 4: RUB 5.49;
      // id 5: USD 9,007,199,254,740.99 (2^53 − 1 minor units, still exact); id 7: KWD 0.960
      const money = (id: number) => sheet.getRow(id + 2).getCell(col('total'));
      expect([money(3).value, money(3).numFmt]).toEqual([-12.345, '#,##0.000 "KWD"']);
      expect([money(1).value, money(1).numFmt]).toEqual([1.38, '#,##0.00 "USD"']);
      expect([money(2).value, money(2).numFmt]).toEqual([275, '#,##0 "JPY"']);
      expect([money(4).value, money(4).numFmt]).toEqual([5.49, '#,##0.00 "RUB"']);
      expect([money(5).value, money(5).numFmt]).toEqual([9007199254740.99, '#,##0.00 "USD"']);
      expect([money(7).value, money(7).numFmt]).toEqual([0.96, '#,##0.000 "KWD"']);
      expect(sheet.getRow(9).getCell(col('id')).value).toBe(7);
      expect(sheet.getRow(9).getCell(col('customer')).value).toBe(TRICKY);
      // dates are Excel dates; paid_at 2026-03-31T21:30Z is 2026-04-01 00:30 in Moscow
      const issued = sheet.getRow(2).getCell(col('issued_on'));
      expect(issued.value).toBeInstanceOf(Date);
      expect((issued.value as Date).toISOString()).toBe('2026-01-01T00:00:00.000Z');
      expect(issued.numFmt).toBe('yyyy-mm-dd');
      expect((sheet.getRow(2).getCell(col('paid_at')).value as Date).toISOString()).toBe('2026-04-01T00:30:00.000Z');
      expect(sheet.getRow(2).getCell(col('rate')).value).toBeNull();
      expect(sheet.getRow(3).getCell(col('rate')).value).toBe(0.125);

      const defs = workbook.getWorksheet('Definitions')!;
      const text = (r: number, c: number) => String(defs.getRow(r).getCell(c).value ?? '');
      const labels = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [text(i + 1, 1), text(i + 1, 2)]));
      expect(labels.Title).toBe('Test invoices');
      expect(labels.Source).toBe('tests/exports');
      expect(labels.SQL).toBe(SQL);
      expect(labels.Parameters).toBe('["4100"]');
      expect(labels['Exported at']).toBe('2026-04-01T09:00:00.000Z (2026-04-01 12:00:00 Europe/Moscow)');
      expect(labels['Time zone']).toMatch(/^Europe\/Moscow/);
      expect(labels.Rows).toBe(String(ROWS));
      const columns = new Map<string, [string, string]>();
      for (let r = 10; r <= defs.rowCount; r++) columns.set(text(r, 1), [text(r, 2), text(r, 3)]);
      expect([...columns.keys()]).toEqual(header);
      expect(columns.get('total')![1]).toBe('Invoice total.');
      expect(columns.get('total')![0]).toMatch(/^money: major units of the row's currency/);
      expect(columns.get('paid_at')![0]).toBe('date and time in Europe/Moscow');
    });
  }

  it('parameters are data, never SQL; bad SQL and bad zones are 400 errors', async () => {
    const out = () => new PassThrough().resume();
    const summary = await streamExport(warehouse, { sql: 'SELECT * FROM invoices WHERE customer = $1', params: ["x'; DROP TABLE invoices; --"], format: 'csv', title: 't' }, out());
    expect(summary.rows).toBe(0);
    expect(await warehouse.query('SELECT count(*) AS n FROM invoices')).toEqual([{ n: 5000n }]);
    await expect(streamExport(warehouse, { sql: 'SELECT nope FROM invoices', format: 'csv', title: 't' }, out())).rejects.toMatchObject({ code: 'BAD_QUERY', status: 400 });
    await expect(streamExport(warehouse, { sql: 'SELECT 1', format: 'xlsx', title: 't', timezone: "Europe/Moscow'; --" }, out())).rejects.toBeInstanceOf(ExportInputError);
    await expect(streamExport(warehouse, { sql: 'SELECT 1', format: 'pdf' as ExportFormat, title: 't' }, out())).rejects.toMatchObject({ code: 'BAD_FORMAT' });
  });
});
