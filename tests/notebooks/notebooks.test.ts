/**
 * The shipped notebooks against a generated demo warehouse (real DuckDB): each renders without an
 * error, and one figure of each equals the same figure from the dashboard's own server function
 * (one definition in sql/, two places). Parameters are data, never SQL; broken blocks stay local.
 */
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonthString } from '../../app/lib/months.ts';
import type { RenderedBlock, RenderedNotebook } from '../../app/lib/notebooks/types.ts';
import { mrrPeriods } from '../../app/lib/server/mrr/load.ts';
import { agingReport } from '../../app/lib/server/receivables/aging.ts';
import { collectionMetrics } from '../../app/lib/server/receivables/metrics.ts';
import { queryRevenueMonthly } from '../../app/lib/server/revenue/queries.ts';
import { queryDownload } from '../../app/lib/server/explore/export.ts';
import { blockExport } from '../../app/lib/server/notebooks/block-export.ts';
import { renderNotebook } from '../../app/lib/server/notebooks/render.ts';
import { listNotebooks, notebookPath, NotebookNameError, readNotebook, writeNotebook } from '../../app/lib/server/notebooks/store.ts';
import { queryPeakHours } from '../../app/lib/server/usage/queries.ts';
import type { Warehouse } from '../../pipelines/warehouse/connection.ts';
import { tempDataDir, warehouseFingerprint } from '../support/warehouse.ts';
import { generatedWarehouse, TODAY } from './fixture.ts';

const SHIPPED = path.join(import.meta.dirname, '..', '..', 'notebooks');

let temp: ReturnType<typeof tempDataDir>;
let warehouse: Warehouse;
let instance: DuckDBInstance;
let connection: DuckDBConnection;

beforeAll(async () => {
  temp = tempDataDir('ledgerlens-notebooks-');
  ({ warehouse, instance } = await generatedWarehouse(temp.dir));
  connection = await instance.connect();
});

afterAll(() => {
  connection?.closeSync();
  warehouse?.close();
  temp?.remove();
});

function render(name: string, search: Record<string, string> = {}, source?: string): Promise<RenderedNotebook> {
  const text = source ?? fs.readFileSync(path.join(SHIPPED, `${name}.md`), 'utf8');
  return renderNotebook(name, text, new URLSearchParams(search), { today: TODAY, connection });
}

type SqlBlock = Extract<RenderedBlock, { kind: 'sql' }>;

function sqlBlock(nb: RenderedNotebook, name: string): SqlBlock {
  const block = nb.blocks.find((b): b is SqlBlock => b.kind === 'sql' && b.name === name);
  if (!block) throw new Error(`no block ${name}`);
  return block;
}

/** A block's rows as objects (JSON values: big integers and decimals are strings). */
function rowsOf(nb: RenderedNotebook, name: string): Record<string, unknown>[] {
  const block = sqlBlock(nb, name);
  expect(block.error).toBeNull();
  return block.result!.rows.map((r) => Object.fromEntries(block.result!.columns.map((c, i) => [c.name, r[i]])));
}

function expectNoErrors(nb: RenderedNotebook): void {
  expect(nb.frontMatterError).toBeNull();
  expect(nb.values.filter((v) => v.error)).toEqual([]);
  const errors = nb.blocks.flatMap((b) => ('error' in b && b.error ? [`${b.kind} line ${b.line}: ${b.error.message}`] : []));
  expect(errors).toEqual([]);
}

describe('shipped notebooks', () => {
  it('are listed with their titles', () => {
    expect(listNotebooks(SHIPPED).map((n) => n.name)).toEqual(['monthly-board-pack', 'usage-peaks-review', 'weekly-collections-review']);
  });

  it('monthly board pack: revenue, MRR, aging and DSO equal the dashboards’ figures', async () => {
    const nb = await render('monthly-board-pack', { from: '2025-12', to: '2026-10', currency: 'RUB' });
    expectNoErrors(nb);
    expect(nb.blocks.filter((b) => b.kind === 'chart').length).toBe(4);

    const revenue = rowsOf(nb, 'revenue');
    const page = await queryRevenueMonthly(warehouse, { from: '2025-12' as MonthString, to: '2026-10' as MonthString, currency: 'RUB' });
    expect(revenue.map((r) => [String(r.month).slice(0, 7), r.invoiced_minor, r.collected_minor])).toEqual(
      page.map((m) => [m.month, m.invoiced_minor.toString(), m.collected_minor.toString()]),
    );

    const mrr = rowsOf(nb, 'mrr_bridge');
    const periods = await mrrPeriods(
      warehouse,
      {
        settings: { pastDueChurnDays: null, usageInMrr: false, trials: 'exclude', freePlans: 'exclude' },
        filters: { currency: 'RUB', segment: null, region: null, plan: null },
        groupBy: 'none',
        period: 'month',
        from: null,
        to: null,
      },
      { from: '2025-12' as MonthString, to: '2026-10' as MonthString },
    );
    expect(mrr.map((r) => r.mrr_minor)).toEqual(periods.map((p) => p.mrrMinor.toString()));
    expect(mrr.length).toBe(11);

    const aging = rowsOf(nb, 'aging');
    const report = await agingReport(warehouse, { asOf: TODAY, basis: 'due_date', bounds: [0, 30, 60, 90, 120], groupBy: 'currency' });
    const rub = report.totals.find((t) => t.currency === 'RUB')!;
    expect(aging.reduce((s, r) => s + BigInt(String(r.open_minor)), 0n)).toBe(rub.total);
    expect(aging.map((r) => r.days_past_due)).toEqual(['Current', '1–30', '31–60', '61–90', '91–120', '121+'].slice(0, aging.length));

    const dso = rowsOf(nb, 'dso');
    const metrics = (await collectionMetrics(warehouse, { currency: 'RUB', ceiVariant: 'period_sales' })).filter((m) => m.month >= '2025-12' && m.month <= '2026-10');
    expect(dso.map((r) => r.dso_countback)).toEqual(metrics.map((m) => m.dsoCountback));
  });

  it('weekly collections review: aging now equals the receivables report, a week ago differs', async () => {
    const nb = await render('weekly-collections-review');
    expectNoErrors(nb);
    const weekly = rowsOf(nb, 'aging_week');
    const report = await agingReport(warehouse, { asOf: TODAY, basis: 'due_date', bounds: [0, 30, 60, 90, 120], groupBy: 'currency' });
    const rub = report.totals.find((t) => t.currency === 'RUB')!;
    expect(weekly.map((r) => BigInt(String(r.now_minor)))).toEqual(rub.buckets);
    const overdue = rowsOf(nb, 'overdue_customers');
    expect(overdue.length).toBe(15);
    const byCustomer = await agingReport(warehouse, { asOf: TODAY, basis: 'due_date', bounds: [0], groupBy: 'customer' });
    const top = byCustomer.rows.filter((r) => r.currency === 'RUB').sort((a, b) => (b.buckets[1]! > a.buckets[1]! ? 1 : b.buckets[1]! < a.buckets[1]! ? -1 : 0))[0]!;
    expect(overdue[0]!.overdue_minor).toBe(top.buckets[1]!.toString());
  });

  it('usage peaks review: the busiest hour equals /usage', async () => {
    const nb = await render('usage-peaks-review', { from: '2026-08', to: '2026-10', service: 'voice', unit: 'minute', top: '5' });
    expectNoErrors(nb);
    const peaks = rowsOf(nb, 'peak_hours');
    const page = await queryPeakHours(
      warehouse,
      { service: 'voice', unit: 'minute', from: '2026-08' as MonthString, to: '2026-10' as MonthString, segment: null, region: null },
      5,
    );
    expect(peaks.map((r) => [r.local_date, r.local_hour, r.quantity])).toEqual(page.map((p) => [p.localDate, p.hour, p.quantity]));
    const byHour = rowsOf(nb, 'by_hour');
    expect(byHour.length).toBe(24);
  });

  it('a parameter change changes the figure', async () => {
    const rub = rowsOf(await render('monthly-board-pack', { currency: 'RUB' }), 'revenue');
    const usd = rowsOf(await render('monthly-board-pack', { currency: 'USD' }), 'revenue');
    expect(usd).not.toEqual(rub);
  });
});

describe('parameters are data', () => {
  const NOTEBOOK = `---
title: Injection
params:
  segment: { type: string, default: consumer }
  currency: { type: choice, options: [RUB, USD], default: RUB }
---

\`\`\`sql name=echo
select $segment as segment, length($segment) as n,
  (select count(*) from marts.revenue_monthly where segment = $segment) as matches
\`\`\`

\`\`\`sql name=total
select count(*) as n from marts.revenue_monthly
\`\`\`
`;

  it.each([
    "consumer' OR '1'='1",
    "x'; DROP TABLE marts.revenue_monthly; --",
    'consumer; DELETE FROM marts.revenue_monthly',
    'SELECT * FROM raw.customers UNION SELECT',
    "\\'; ATTACH '/tmp/evil.db' AS evil; --",
    '$currency',
  ])('%s is bound as text, matches nothing and changes nothing', async (value) => {
    const before = await warehouseFingerprint(warehouse);
    const nb = await render('injection', { segment: value }, NOTEBOOK);
    const [row] = rowsOf(nb, 'echo');
    // COUNT and LENGTH are BIGINT: JSON rows carry them as exact strings.
    expect(row).toEqual({ segment: value, n: String(value.length), matches: '0' });
    expect(rowsOf(nb, 'total')[0]!.n).not.toBe(0);
    expect(await warehouseFingerprint(warehouse)).toEqual(before);
  });

  it('a choice outside its options falls back to the default and says so', async () => {
    const nb = await render('injection', { currency: "RUB' --" }, NOTEBOOK);
    expect(nb.values.find((v) => v.name === 'currency')).toMatchObject({ value: 'RUB', error: expect.stringMatching(/not one of RUB, USD/) });
  });

  it('an include argument can only be a parameter or a constant', async () => {
    const source = "```sql name=bad\nselect * from {{ aging_invoices((select 1), 'due_date', '0') }}\n```\n";
    const nb = await render('bad', {}, source);
    expect(sqlBlock(nb, 'bad').error?.message).toMatch(/is not an include: .*\$parameter, 'text', a number/);
  });
});

describe('errors point at their block and line', () => {
  const BROKEN = [
    '---',
    'title: Broken',
    'params:',
    '  month: { type: month, default: current-1 }',
    '---',
    '',
    '# Heading',
    '',
    '```sql name=good',
    'select 1 as one',
    '```',
    '',
    '```sql name=broken',
    'select 1 as one,',
    '  no_such_column',
    'from marts.revenue_monthly',
    '```',
    '',
    '```chart query=broken',
    'x: one',
    'y: one',
    '```',
    '',
    '```sql name=writes',
    'delete from marts.revenue_monthly',
    '```',
    '',
    '```table query=good',
    '```',
  ].join('\n');

  it('renders the rest and shows each error at its block', async () => {
    const nb = await render('broken', {}, BROKEN);
    expect(sqlBlock(nb, 'good').error).toBeNull();
    const broken = sqlBlock(nb, 'broken').error!;
    expect(broken.message).toMatch(/no_such_column/);
    expect(broken.line).toBeGreaterThanOrEqual(13);
    expect(broken.line).toBeLessThanOrEqual(16);
    const chart = nb.blocks.find((b) => b.kind === 'chart')!;
    expect(chart).toMatchObject({ line: 19, error: { message: expect.stringMatching(/broken \(line 13\) failed/) } });
    expect(sqlBlock(nb, 'writes').error).toMatchObject({ line: 24, message: expect.stringMatching(/DELETE statements are refused/) });
    const table = nb.blocks.find((b) => b.kind === 'table');
    expect(table).toMatchObject({ line: 28, error: null });
  });

  it('a front matter that does not read is reported with its line', async () => {
    const nb = await render('bad-front', {}, '---\ntitle: x\nparams:\n  from: { type: week }\n---\n\n```sql name=a\nselect 1\n```\n');
    expect(nb.frontMatterError).toMatchObject({ line: 4, message: expect.stringMatching(/type must be one of/) });
    expect(sqlBlock(nb, 'a').error).toBeNull();
  });
});

describe('notebook names', () => {
  it.each(['../secrets', '..', '.hidden', 'a/b', 'a\\b', '%2e%2e', 'con.md', '', 'x'.repeat(65), 'A-B'])('refuses %j', (name) => {
    expect(() => notebookPath(temp.dir, name)).toThrow(NotebookNameError);
    expect(() => readNotebook(temp.dir, name)).toThrow(NotebookNameError);
    expect(() => writeNotebook(temp.dir, name, 'x')).toThrow(NotebookNameError);
  });

  it('writes inside the folder only and refuses to overwrite on create', () => {
    const dir = path.join(temp.dir, 'nb');
    writeNotebook(dir, 'q3-review', '# hello\n');
    expect(readNotebook(dir, 'q3-review')).toBe('# hello\n');
    expect(fs.readdirSync(dir)).toEqual(['q3-review.md']);
    expect(() => writeNotebook(dir, 'q3-review', 'again', { create: true })).toThrow(/exists already/);
  });
});

describe('a notebook block as a download', () => {
  it('exports the board pack’s revenue block whole, with the page’s parameters bound, equal to the dashboard', async () => {
    const source = readNotebook(SHIPPED, 'monthly-board-pack')!;
    const search = new URLSearchParams({ from: '2025-12', to: '2026-10', currency: 'RUB' });
    const request = await blockExport({ name: 'monthly-board-pack', source }, 'revenue', search, { today: TODAY, connection });
    expect(request.params).toMatchObject({ currency: 'RUB' });
    expect(request.sql).not.toContain("'RUB'"); // bound, not pasted
    const file = await queryDownload(warehouse, { ...request, filename: 'board_revenue' }, 'parquet', 'Europe/Moscow');
    expect(file.filename).toBe('board_revenue.parquet');
    const out = path.join(temp.dir, file.filename);
    fs.writeFileSync(out, Buffer.from(await new Response(file.body).arrayBuffer()));
    const got = await warehouse.query<{ month: string; invoiced_minor: bigint }>(`select strftime(month, '%Y-%m') as month, invoiced_minor from read_parquet($1) order by month`, [out]);
    const page = await queryRevenueMonthly(warehouse, { from: '2025-12' as MonthString, to: '2026-10' as MonthString, currency: 'RUB' });
    expect(got.map((r) => [r.month, BigInt(r.invoiced_minor)])).toEqual(page.map((m) => [m.month, BigInt(m.invoiced_minor)]));
  });

  it('refuses a block that does not exist, and a parameter that tries to be SQL stays a value', async () => {
    const source = readNotebook(SHIPPED, 'monthly-board-pack')!;
    await expect(blockExport({ name: 'monthly-board-pack', source }, 'nope', new URLSearchParams(), { today: TODAY, connection })).rejects.toThrow(/no sql block named nope/);
    const request = await blockExport({ name: 'monthly-board-pack', source }, 'revenue', new URLSearchParams({ currency: "RUB'; drop table marts.revenue_monthly; --" }), { today: TODAY, connection });
    expect(request.sql).not.toContain('drop table');
  });
});

