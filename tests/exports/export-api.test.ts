/**
 * GET /api/v1/exports/:dataset on the receivables fixture (a real billing database synced into a
 * real warehouse): downloads in every format read back by their own readers, and 400s for bad input.
 */
import express from 'express';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiRouter } from '../../app/lib/server/api/router.ts';
import { asAllScopesToken } from '../support/api-principal.ts';
import { clearServices, setServices } from '../../app/lib/server/services.ts';
import type { LedgerlensServices } from '../../pipelines/services.ts';
import { openReceivablesFixture, type ReceivablesFixture } from '../receivables/fixture.ts';

describe('GET /api/v1/exports/:dataset', () => {
  let fixture: ReceivablesFixture;
  let server: Server;
  let base: string;
  let dataDir: string;

  beforeAll(async () => {
    fixture = await openReceivablesFixture();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerlens-export-api-'));
    // The real warehouse; the rest of the services is not reached by this route.
    setServices({ config: { timezone: 'Europe/Moscow', dataDir }, warehouse: fixture.warehouse } as unknown as LedgerlensServices);
    const app = express();
    app.use('/api/v1', createApiRouter({ authenticate: asAllScopesToken }));
    server = app.listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/exports`;
  });
  afterAll(async () => {
    clearServices();
    await new Promise((resolve) => server?.close(resolve));
    await fixture?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const download = async (query: string) => {
    const res = await fetch(`${base}/${query}`);
    expect(res.status).toBe(200);
    const file = path.join(dataDir, `download-${Math.random().toString(36).slice(2)}`);
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    return { res, file };
  };
  const read = async (sql: string, file: string) => (await fixture.warehouse.connection.runAndReadAll(sql, [file])).getRowObjectsJS();

  // Open at the end of 31 March 2026 (see the fixture): RUB A 6000, B 4000, C 3000, D 2000, H 800; USD E 700.
  const AGING = 'aging_invoices?asOf=2026-03-31';

  it('aging invoices as CSV: headers, file name, every open invoice, Cyrillic and quotes intact', async () => {
    const { res, file } = await download(`${AGING}&format=csv`);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="aging-invoices_2026-03-31_due_date.csv"');
    const sums = await read('SELECT currency, count(*) AS n, sum(open_minor)::BIGINT AS s FROM read_csv($1, header = true) GROUP BY currency ORDER BY currency', file);
    expect(sums).toEqual([{ currency: 'RUB', n: 5n, s: 15800n }, { currency: 'USD', n: 1n, s: 700n }]);
    const names = await read('SELECT DISTINCT customer_name AS name FROM read_csv($1, header = true)', file);
    expect(names.map((r) => r.name).sort()).toEqual(['Acme Inc.', 'ООО "Вектор"', 'Иванов Иван'].sort());
  });

  it('aging invoices as Parquet and Arrow, filtered by currency and bucket (bound parameters)', async () => {
    const parquet = await download(`${AGING}&format=parquet&currency=RUB&bucket=1`);
    expect(parquet.res.headers.get('content-type')).toBe('application/vnd.apache.parquet');
    expect(parquet.res.headers.get('content-disposition')).toBe('attachment; filename="aging-invoices_2026-03-31_due_date_RUB_bucket-1.parquet"');
    // bucket 1 = 1–30 days past due: A (21 dpd, 6000) and H (30 dpd, 800)
    expect(await read('SELECT invoice_id, open_minor FROM read_parquet($1) ORDER BY invoice_id', parquet.file)).toEqual([
      { invoice_id: 'A', open_minor: 6000n },
      { invoice_id: 'H', open_minor: 800n },
    ]);
    const arrow = await download(`${AGING}&format=arrow`);
    expect(arrow.res.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
    expect(arrow.res.headers.get('content-disposition')).toMatch(/filename="aging-invoices_2026-03-31_due_date\.arrows"/);
    const table = tableFromIPC(fs.readFileSync(arrow.file));
    expect(table.numRows).toBe(6);
    let rub = 0n;
    for (const row of table) if (row.currency === 'RUB') rub += row.open_minor as bigint;
    expect(rub).toBe(15800n);
    expect(table.schema.fields.find((f) => f.name === 'open_minor')!.metadata.get('definition')).toMatch(/^Open balance at the end of the as-of day\. Open balance as of the day = total/);
  });

  it('revenue by month as XLSX: money in each currency with its format, months as dates, the mart definitions', async () => {
    const { res, file } = await download('revenue_monthly?format=xlsx');
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="revenue-monthly_all-months.xlsx"');
    const expected = await fixture.warehouse.query<{ currency: string; n: bigint; invoiced: bigint }>(
      'SELECT currency, count(*) AS n, sum(invoiced_minor)::BIGINT AS invoiced FROM marts.revenue_monthly GROUP BY currency ORDER BY currency',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Revenue by month', 'Definitions']);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    expect(header.slice(0, 6)).toEqual(['month', 'segment', 'region', 'currency', 'invoice_count', 'invoiced']);
    const got = new Map<string, { n: number; invoiced: bigint }>();
    for (let r = 2; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const currency = row.getCell(4).value as string;
      const invoiced = row.getCell(6);
      expect(invoiced.numFmt).toBe(`#,##0.00 "${currency}"`);
      expect(row.getCell(1).value).toBeInstanceOf(Date);
      const g = got.get(currency) ?? { n: 0, invoiced: 0n };
      g.n++;
      g.invoiced += BigInt(Math.round((invoiced.value as number) * 100));
      got.set(currency, g);
    }
    expect([...got].sort(([a], [b]) => a.localeCompare(b)).map(([currency, g]) => ({ currency, n: BigInt(g.n), invoiced: g.invoiced }))).toEqual(expected);
    const defs = workbook.getWorksheet('Definitions')!;
    const definitions = new Map<string, string>();
    defs.eachRow((row) => definitions.set(String(row.getCell(1).value), String(row.getCell(3).value ?? '')));
    expect(definitions.get('invoiced')).toMatch(/^Sum of invoice totals .* by the month the invoice was issued\.$/);
    expect(definitions.get('net_collected')).toBe('collected_minor − refunds_minor.');
    expect(definitions.get('month')).toMatch(/^The month, written as its first day/);
  });

  it('revenue filters are bound: a currency with no rows gives a header-only CSV', async () => {
    const { file } = await download("revenue_monthly?format=csv&currency=EUR&segment=x'%20OR%201%3D1%20--");
    expect(fs.readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(1);
  });

  const bad: [query: string, status: number, code: string, param?: string][] = [
    ['nope?format=csv', 400, 'UNKNOWN_DATASET', 'dataset'],
    ['__proto__?format=csv', 400, 'UNKNOWN_DATASET', 'dataset'],
    ['revenue_monthly', 400, 'BAD_FORMAT', 'format'],
    ['revenue_monthly?format=xml', 400, 'BAD_FORMAT', 'format'],
    ['revenue_monthly?format=csv&from=2026-13', 400, 'BAD_MONTH', 'from'],
    ['revenue_monthly?format=csv&from=2026-05&to=2026-01', 400, 'MONTH_RANGE_REVERSED', 'from'],
    ['revenue_monthly?format=csv&currency=rubles', 400, 'BAD_CURRENCY', 'currency'],
    ['aging_invoices?format=csv&asOf=2026-02-30', 400, 'BAD_AS_OF', 'asOf'],
    ['aging_invoices?format=csv&buckets=30,10', 400, 'BAD_BUCKETS', 'buckets'],
    ['aging_invoices?format=csv&bucket=9', 400, 'BAD_BUCKET', 'bucket'],
  ];
  for (const [query, status, code, param] of bad) {
    it(`${query} → ${status} ${code}`, async () => {
      const res = await fetch(`${base}/${query}`);
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await res.json()).toEqual({ error: { code, message: expect.any(String), ...(param ? { param } : {}) } });
    });
  }
});
