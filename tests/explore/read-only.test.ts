/**
 * The SQL explorer's read-only runner on a generated demo warehouse (real DuckDB): SELECTs run,
 * everything else is refused before it runs and leaves the warehouse as it was; files and other
 * databases are out of reach; the time limit interrupts; the row limit is stated.
 */
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import ExcelJS from 'exceljs';
import { parseExportFormat, queryDownload, resultCsv } from '../../app/lib/server/explore/export.ts';
import { assertReadOnlySelect, ReadOnlyQueryError, runReadOnlyQuery } from '../../app/lib/server/explore/read-only-query.ts';
import { FORMAT_INFO } from '../../app/lib/server/exports/index.ts';
import { warehouseSchema } from '../../app/lib/server/explore/schema.ts';
import type { Warehouse } from '../../pipelines/warehouse/connection.ts';
import { generatedWarehouse } from '../notebooks/fixture.ts';
import { tempDataDir, warehouseFingerprint } from '../support/warehouse.ts';

let temp: ReturnType<typeof tempDataDir>;
let warehouse: Warehouse;
let instance: DuckDBInstance;
let connection: DuckDBConnection;
let secretFile: string;

beforeAll(async () => {
  temp = tempDataDir('ledgerlens-explore-');
  ({ warehouse, instance } = await generatedWarehouse(temp.dir));
  connection = await instance.connect();
  secretFile = path.join(temp.dir, 'secret.csv');
  fs.writeFileSync(secretFile, 'password\nhunter2\n');
});

afterAll(() => {
  connection?.closeSync();
  warehouse?.close();
  temp?.remove();
});

const LIMITS = { timeoutMs: 10_000, rowLimit: 100 };

async function refusal(sql: string): Promise<ReadOnlyQueryError> {
  try {
    await runReadOnlyQuery(connection, sql, {}, LIMITS);
  } catch (err) {
    if (err instanceof ReadOnlyQueryError) return err;
    throw err;
  }
  throw new Error(`not refused: ${sql}`);
}

describe('read-only queries', () => {
  it('runs a SELECT and returns exact values', async () => {
    const r = await runReadOnlyQuery(
      connection,
      `select currency, sum(invoiced_minor) as invoiced_minor, sum(invoiced_minor) * 0.01 as invoiced
       from marts.revenue_monthly group by currency order by currency`,
      {},
      LIMITS,
    );
    expect(r.columns.map((c) => `${c.name} ${c.type}`)).toEqual(['currency VARCHAR', 'invoiced_minor HUGEINT', 'invoiced DECIMAL(38,2)']);
    const [expected] = await warehouse.query<{ s: bigint }>(`select sum(invoiced_minor) as s from marts.revenue_monthly where currency = 'RUB'`);
    const rub = r.rows.find((row) => row[0] === 'RUB')!;
    expect(rub[1]).toBe(expected!.s.toString());
    expect(rub[2]).toBe(`${expected!.s / 100n}.${(expected!.s % 100n).toString().padStart(2, '0')}`);
    expect(r.truncated).toBe(false);
  });

  it('allows CTEs, DESCRIBE, SUMMARIZE, information_schema and generators', async () => {
    for (const sql of [
      'with m as (select * from marts.revenue_monthly) select count(*) from m',
      'describe marts.revenue_monthly',
      'summarize marts.receivables_monthly',
      "select table_name from information_schema.tables where table_schema = 'marts'",
      'select * from range(3)',
    ]) {
      await expect(runReadOnlyQuery(connection, sql, {}, LIMITS)).resolves.toMatchObject({ truncated: false });
    }
  });

  it.each([
    ["insert into marts.revenue_monthly (currency) values ('XXX')", 'NOT_A_QUERY', /INSERT statements are refused/],
    ["update marts.revenue_monthly set invoiced_minor = 0", 'NOT_A_QUERY', /UPDATE/],
    ['delete from marts.revenue_monthly', 'NOT_A_QUERY', /DELETE/],
    ['create table marts.evil as select 1', 'NOT_A_QUERY', /CREATE/],
    ['drop table marts.revenue_monthly', 'NOT_A_QUERY', /DROP/],
    ['alter table marts.revenue_monthly add column x int', 'NOT_A_QUERY', /ALTER/],
    ["copy marts.revenue_monthly to '/tmp/ledgerlens-out.csv'", 'NOT_A_QUERY', /COPY/],
    ["attach '/tmp/ledgerlens-evil.duckdb' as evil", 'NOT_A_QUERY', /ATTACH/],
    ['detach warehouse', 'NOT_A_QUERY', /refused/],
    ['pragma version', 'NOT_A_QUERY', /PRAGMA statements are refused/],
    ['pragma threads = 1', 'NOT_A_QUERY', /refused/],
    ['set threads = 1', 'NOT_A_QUERY', /SET/],
    ["set enable_external_access = false", 'NOT_A_QUERY', /SET/],
    ['call pragma_version()', 'NOT_A_QUERY', /CALL/],
    ['checkpoint', 'NOT_A_QUERY', /refused/],
    ['begin transaction', 'NOT_A_QUERY', /BEGIN statements are refused/],
    ['install httpfs', 'NOT_A_QUERY', /refused/],
    ['load json', 'NOT_A_QUERY', /refused/],
    ['explain analyze select 1', 'NOT_A_QUERY', /EXPLAIN/],
    ['create sequence s', 'NOT_A_QUERY', /CREATE/],
    ['select 1; delete from marts.revenue_monthly', 'MULTIPLE_STATEMENTS', /one statement at a time/],
    ['select 1; select 2', 'MULTIPLE_STATEMENTS', /holds 2/],
    ["select * from read_csv('SECRET')", 'EXTERNAL_ACCESS', /read_csv\(\) is refused/],
    ["select * from 'SECRET'", 'EXTERNAL_ACCESS', /not a file/],
    ["select * from read_text('SECRET')", 'EXTERNAL_ACCESS', /read_text/],
    ["select * from glob('/etc/*')", 'EXTERNAL_ACCESS', /glob/],
    ["select * from query('delete from marts.revenue_monthly')", 'EXTERNAL_ACCESS', /query\(\)/],
    ['select * from duckdb_settings()', 'EXTERNAL_ACCESS', /duckdb_settings/],
    ['select (select count(*) from read_parquet(\'SECRET\'))', 'EXTERNAL_ACCESS', /read_parquet/],
    ['select * from system.main.duckdb_tables', 'EXTERNAL_ACCESS', /other databases/],
    ["select nextval('s')", 'NOT_A_QUERY', /nextval/],
    ['   ', 'EMPTY_QUERY', /no query/],
  ] as const)('refuses %s', async (sql, code, message) => {
    const before = await warehouseFingerprint(warehouse);
    const err = await refusal(sql.replaceAll('SECRET', secretFile));
    expect(err.code).toBe(code);
    expect(err.message).toMatch(message);
    expect(err.message).not.toContain('hunter2');
    expect(await warehouseFingerprint(warehouse)).toEqual(before);
    expect(fs.existsSync('/tmp/ledgerlens-out.csv')).toBe(false);
    expect(fs.existsSync('/tmp/ledgerlens-evil.duckdb')).toBe(false);
    // The connection is usable afterwards (no transaction left open, settings untouched).
    await expect(runReadOnlyQuery(connection, 'select 42 as x', {}, LIMITS)).resolves.toMatchObject({ rows: [[42]] });
    const [threads] = await warehouse.query<{ v: string }>("select current_setting('enable_external_access')::varchar as v");
    expect(threads!.v).toBe('true');
  });

  it('a write that slips past the checks still cannot commit: the transaction is READ ONLY', async () => {
    await connection.run('BEGIN TRANSACTION READ ONLY');
    await expect(connection.run("insert into marts.revenue_monthly (currency) values ('XXX')")).rejects.toThrow(/read-only mode/);
    await connection.run('ROLLBACK');
  });

  it('interrupts a query at the time limit and the connection works afterwards', async () => {
    const started = Date.now();
    const err = await runReadOnlyQuery(connection, 'select sum(a.range * b.range) from range(200000) a, range(200000) b', {}, { timeoutMs: 700, rowLimit: 10 }).catch(
      (e: unknown) => e,
    );
    const elapsed = Date.now() - started;
    expect(err).toBeInstanceOf(ReadOnlyQueryError);
    expect(err).toMatchObject({ code: 'TIMEOUT', message: expect.stringMatching(/stopped after 0.7 s/) });
    expect(elapsed).toBeLessThan(5_000);
    await expect(runReadOnlyQuery(connection, 'select 1 as ok', {}, LIMITS)).resolves.toMatchObject({ rows: [[1]] });
  });

  it('stops at the row limit and says so', async () => {
    const r = await runReadOnlyQuery(connection, 'select * from range(100000) order by 1', {}, { timeoutMs: 10_000, rowLimit: 250 });
    expect(r.rows).toHaveLength(250);
    expect(r.truncated).toBe(true);
    expect(r.rowLimit).toBe(250);
    expect(r.rows[249]).toEqual(['249']); // BIGINT: an exact string
    const exact = await runReadOnlyQuery(connection, 'select * from range(250)', {}, { timeoutMs: 10_000, rowLimit: 250 });
    expect(exact.truncated).toBe(false);
  });

  it('binds parameters by name and refuses undeclared ones', async () => {
    const r = await runReadOnlyQuery(connection, 'select $x as x', { x: { value: "'; drop table marts.revenue_monthly; --" } }, LIMITS);
    expect(r.rows).toEqual([["'; drop table marts.revenue_monthly; --"]]);
    await expect(runReadOnlyQuery(connection, 'select $y', {}, LIMITS)).rejects.toMatchObject({ code: 'UNBOUND_PARAMETER' });
  });
});

describe('schema browser and export', () => {
  it('lists marts first, with column types', async () => {
    const schema = await warehouseSchema(warehouse);
    expect(schema[0]!.schema).toBe('marts');
    const revenue = schema.find((t) => t.schema === 'marts' && t.name === 'revenue_monthly')!;
    expect(revenue.columns.slice(0, 2)).toEqual([
      { name: 'month', type: 'DATE' },
      { name: 'segment', type: 'VARCHAR' },
    ]);
    expect(new Set(schema.map((t) => t.schema))).toEqual(new Set(['marts', 'intermediate', 'staging', 'raw', 'ref', 'meta']));
  });

  it('writes CSV with exact values', async () => {
    const r = await runReadOnlyQuery(connection, "select 'a,b' as t, 12345678901234567890::HUGEINT as n, null as z, 1.50::DECIMAL(5,2) as d", {}, LIMITS);
    expect(resultCsv(r)).toBe('t,n,z,d\r\n"a,b",12345678901234567890,,1.50\r\n');
  });

  it('downloads a query in every export format, all rows, money exact, and refuses what the explorer refuses', async () => {
    const sql = 'select month, currency, sum(invoiced_minor)::BIGINT as invoiced_minor from marts.revenue_monthly group by all';
    const [expected] = await warehouse.query<{ n: bigint; s: bigint }>(`select count(*) as n, sum(invoiced_minor)::BIGINT as s from (${sql})`);
    expect(parseExportFormat(null)).toBe('csv');
    expect(() => parseExportFormat('pdf')).toThrow(/format/);
    for (const format of ['csv', 'parquet', 'arrow', 'xlsx'] as const) {
      await assertReadOnlySelect(connection, sql);
      const file = await queryDownload(warehouse, sql, format, 'Europe/Moscow');
      const bytes = Buffer.from(await new Response(file.body).arrayBuffer());
      expect(file.filename).toBe(`query.${FORMAT_INFO[format].extension}`);
      const out = path.join(temp.dir, file.filename);
      fs.writeFileSync(out, bytes);
      if (format === 'csv' || format === 'parquet') {
        const reader = format === 'csv' ? 'read_csv' : 'read_parquet';
        const [got] = await warehouse.query<{ n: bigint; s: bigint }>(`select count(*) as n, sum(invoiced_minor)::BIGINT as s from ${reader}($1)`, [out]);
        expect([got.n, got.s]).toEqual([expected.n, expected.s]);
      } else if (format === 'arrow') {
        const table = tableFromIPC(bytes);
        let s = 0n;
        for (const v of table.getChild('invoiced_minor')!) s += BigInt(v as bigint);
        expect([BigInt(table.numRows), s]).toEqual([expected.n, expected.s]);
      } else {
        const book = new ExcelJS.Workbook();
        await book.xlsx.readFile(out);
        expect(book.worksheets[0].actualRowCount - 1).toBe(Number(expected.n));
        expect(book.worksheets.map((w) => w.name)).toContain('Definitions');
      }
    }
    await expect(assertReadOnlySelect(connection, `select * from read_csv('${secretFile}')`)).rejects.toThrow(/refused/);
    await expect(assertReadOnlySelect(connection, 'delete from marts.revenue_monthly')).rejects.toThrow(/refused/);
  });
});
