import { DuckDBInstance } from '@duckdb/node-api';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wrapConnection, type Warehouse } from '../../../../pipelines/warehouse/connection.ts';
import {
  createRevenueMartFixture,
  FIXTURE_MONTHS,
  REVENUE_MART_FIXTURE_ROWS,
  sumFixture,
  type RevenueMartFixtureRow,
} from '../../../../tests/fixtures/revenue-mart.ts';
import type { RevenueFilters } from '../../revenue/types.ts';
import { queryLastSync } from '../sync/last-sync.ts';
import { revenueMonthlyCsv } from './csv.ts';
import { parseRevenueFilterInput, resolveRevenueFilters } from './filters.ts';
import { loadRevenueDashboard, loadRevenueMonthly } from './load.ts';
import { changeFraction, queryRevenueFilterOptions, queryRevenueKpis, queryRevenueMonthly, queryRevenueTotals } from './queries.ts';

const context = { now: new Date('2025-03-15T12:00:00Z'), timezone: 'Europe/Moscow' };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerlens-revenue-'));
const opened: DuckDBInstance[] = [];

async function open(file: string): Promise<Warehouse> {
  const instance = await DuckDBInstance.create(file);
  opened.push(instance);
  return wrapConnection(await instance.connect());
}

const q = (query: string) => parseRevenueFilterInput(new URLSearchParams(query));
const filters = (f: Omit<Partial<RevenueFilters>, 'from' | 'to'> & { from: string; to: string }) =>
  ({ currency: 'USD', ...f }) as RevenueFilters;
const inRange = (from: string, to: string) => (r: RevenueMartFixtureRow) => r.month >= from && r.month <= to;

let warehouse: Warehouse;

beforeAll(async () => {
  const file = path.join(tmp, 'fixture.duckdb');
  await createRevenueMartFixture(file);
  warehouse = await open(file);
});

afterAll(() => {
  for (const instance of opened) instance.closeSync();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('parseRevenueFilterInput', () => {
  it('reads the filters and treats empty values as absent', () => {
    expect(q('from=2024-03&to=2025-02&segment=smb&region=&currency=usd')).toEqual({
      from: '2024-03',
      to: '2025-02',
      segment: 'smb',
      region: undefined,
      currency: 'USD',
    });
  });

  it.each([
    ['from=2024-13', 'BAD_MONTH', 'from'],
    ['to=2024-1', 'BAD_MONTH', 'to'],
    ['from=March', 'BAD_MONTH', 'from'],
    ['from=2025-02&to=2025-01', 'MONTH_RANGE_REVERSED', 'from'],
    ['from=1900-01&to=2025-01', 'MONTH_RANGE_TOO_LONG', 'from'],
    ['currency=US', 'BAD_CURRENCY', 'currency'],
    ['currency=US1', 'BAD_CURRENCY', 'currency'],
    ["currency=USD'--", 'BAD_CURRENCY', 'currency'],
    [`segment=${'x'.repeat(201)}`, 'BAD_DIMENSION', 'segment'],
  ])('%s → %s', (query, code, param) => {
    expect(() => q(query)).toThrowError(expect.objectContaining({ code, param, status: 400 }));
  });
});

describe('resolveRevenueFilters', () => {
  it('defaults to the 12 months ending at the latest mart month and the currency with most invoiced', async () => {
    expect(await resolveRevenueFilters(warehouse, q(''), context)).toEqual({ from: '2024-03', to: '2025-02', currency: 'RUB' });
  });

  it('keeps what was asked and fills the rest', async () => {
    expect(await resolveRevenueFilters(warehouse, q('to=2024-06&currency=USD&region=NA'), context)).toEqual({
      from: '2023-07',
      to: '2024-06',
      currency: 'USD',
      region: 'NA',
    });
    expect(await resolveRevenueFilters(warehouse, q('from=2025-06'), context)).toMatchObject({ from: '2025-06', to: '2025-06' });
  });

  it('returns null for an empty mart without a currency, and a period ending this business month', async () => {
    const empty = await open(path.join(tmp, 'empty.duckdb'));
    await createRevenueMartFixture(path.join(tmp, 'empty-src.duckdb'), { rows: [] });
    const emptyFromFixture = await open(path.join(tmp, 'empty-src.duckdb'));
    expect(await resolveRevenueFilters(emptyFromFixture, q(''), context)).toBeNull();
    expect(await resolveRevenueFilters(emptyFromFixture, q('currency=EUR'), context)).toEqual({ from: '2024-04', to: '2025-03', currency: 'EUR' });
    expect(await queryLastSync(empty)).toBeNull();
  });
});

describe('queryRevenueMonthly', () => {
  it('sums segments and regions per month for one currency, one row per month', async () => {
    const rows = await queryRevenueMonthly(warehouse, filters({ from: '2024-03', to: '2025-02' }));
    expect(rows.map((r) => r.month)).toEqual(FIXTURE_MONTHS.slice(2));
    for (const row of rows) {
      const match = (r: RevenueMartFixtureRow) => r.currency === 'USD' && r.month === row.month;
      expect(row.invoiced_minor).toBe(sumFixture('invoiced_minor', match));
      expect(row.collected_minor).toBe(sumFixture('collected_minor', match));
      expect(row.invoice_count).toBe(sumFixture('invoice_count', match));
      expect(row.net_collected_minor).toBe(row.collected_minor - row.refunds_minor);
      expect(row.invoiced_minor).toBe(row.invoiced_net_minor + row.tax_minor);
    }
  });

  it('applies segment and region filters', async () => {
    const rows = await queryRevenueMonthly(warehouse, filters({ from: '2024-01', to: '2024-12', segment: 'smb', region: 'NA' }));
    const expected = sumFixture('invoiced_minor', (r) => r.currency === 'USD' && r.segment === 'smb' && r.region === 'NA' && r.month <= '2024-12');
    expect(rows.reduce((s, r) => s + r.invoiced_minor, 0n)).toBe(expected);
  });

  it('fills months without data with zeros', async () => {
    const rows = await queryRevenueMonthly(warehouse, filters({ from: '2025-01', to: '2025-04' }));
    expect(rows.map((r) => r.month)).toEqual(['2025-01', '2025-02', '2025-03', '2025-04']);
    expect(rows[3].invoiced_minor).toBe(0n);
    expect(rows[3].invoice_count).toBe(0n);
  });

  it('matches nothing for a segment value that is not in the mart (no injection through values)', async () => {
    const rows = await queryRevenueMonthly(warehouse, filters({ from: '2025-01', to: '2025-01', segment: "smb' or '1'='1" }));
    expect(rows[0].invoiced_minor).toBe(0n);
  });

  it('keeps sums exact beyond 2^53 and beyond BIGINT', async () => {
    const huge = 9_007_199_254_740_993n; // 2^53 + 1
    const big = 9_000_000_000_000_000_000n; // near BIGINT max; two of them overflow int64
    const template = REVENUE_MART_FIXTURE_ROWS[0];
    const rows: RevenueMartFixtureRow[] = [
      { ...template, month: '2025-01', currency: 'USD', segment: 'a', invoiced_minor: huge, collected_minor: big },
      { ...template, month: '2025-01', currency: 'USD', segment: 'b', invoiced_minor: 2n, collected_minor: big },
    ];
    const file = path.join(tmp, 'huge.duckdb');
    await createRevenueMartFixture(file, { rows });
    const w = await open(file);
    const [row] = await queryRevenueMonthly(w, filters({ from: '2025-01', to: '2025-01' }));
    expect(row.invoiced_minor).toBe(9_007_199_254_740_995n);
    expect(row.collected_minor).toBe(18_000_000_000_000_000_000n);
    expect(revenueMonthlyCsv([row], filters({ from: '2025-01', to: '2025-01' }))).toContain(',9007199254740995,90071992547409.95,');
  });
});

describe('KPIs', () => {
  it('compares the period with the same months a year earlier', async () => {
    const f = filters({ from: '2025-01', to: '2025-02' });
    const kpis = await queryRevenueKpis(warehouse, f);
    expect(kpis.map((k) => k.measure)).toEqual(['invoiced_minor', 'collected_minor', 'credit_notes_minor', 'refunds_minor']);
    const usd = (from: string, to: string) => (r: RevenueMartFixtureRow) => r.currency === 'USD' && inRange(from, to)(r);
    const invoiced = kpis[0];
    expect(invoiced.current).toBe(sumFixture('invoiced_minor', usd('2025-01', '2025-02')));
    expect(invoiced.previous).toBe(sumFixture('invoiced_minor', usd('2024-01', '2024-02')));
    expect(invoiced.change).toBeCloseTo(Number(invoiced.current - invoiced.previous) / Number(invoiced.previous), 5);
  });

  it('gives no change against an empty year-earlier period', async () => {
    const kpis = await queryRevenueKpis(warehouse, filters({ from: '2024-01', to: '2024-12' }));
    expect(kpis[0].previous).toBe(0n);
    expect(kpis[0].change).toBeNull();
  });

  it('changeFraction is a fraction, exact enough for large values', () => {
    expect(changeFraction(110n, 100n)).toBe(0.1);
    expect(changeFraction(50n, 100n)).toBe(-0.5);
    expect(changeFraction(1n, 0n)).toBeNull();
    expect(changeFraction(18_000_000_000_000_000_000n, 9_000_000_000_000_000_000n)).toBe(1);
  });

  it('totals are zero when nothing matches', async () => {
    const totals = await queryRevenueTotals(warehouse, filters({ from: '2030-01', to: '2030-12' }));
    expect(Object.values(totals).every((v) => v === 0n)).toBe(true);
  });
});

describe('filter options and last sync', () => {
  it('lists distinct segments, regions and currencies', async () => {
    expect(await queryRevenueFilterOptions(warehouse)).toEqual({
      segments: ['enterprise', 'smb'],
      regions: ['EMEA', 'NA'],
      currencies: ['RUB', 'USD'],
    });
  });

  it('reads the latest sync run', async () => {
    expect(await queryLastSync(warehouse)).toEqual({
      runId: 2n,
      mode: 'incremental',
      status: 'succeeded',
      startedAt: '2025-03-02T06:00:00.000Z',
      finishedAt: '2025-03-02T06:00:42.000Z',
      rowsQuarantined: 3n,
      reconciliationOk: true,
      error: null,
    });
  });
});

describe('loaders and CSV', () => {
  it('loadRevenueMonthly resolves defaults and returns rows for the default currency', async () => {
    const result = await loadRevenueMonthly(warehouse, q(''), context);
    expect(result.currency).toBe('RUB');
    expect(result.rows).toHaveLength(12);
    expect(result.rows[11].invoiced_minor).toBe(sumFixture('invoiced_minor', (r) => r.currency === 'RUB' && r.month === '2025-02'));
  });

  it('loadRevenueDashboard adds KPIs and options', async () => {
    const dashboard = await loadRevenueDashboard(warehouse, q('currency=USD&from=2025-01&to=2025-02'), context);
    expect(dashboard.kpis).toHaveLength(4);
    expect(dashboard.comparison).toEqual({ from: '2024-01', to: '2024-02', months: 2, monthsWithData: 2 });
    const partial = await loadRevenueDashboard(warehouse, q('currency=USD&from=2024-03&to=2025-02'), context);
    expect(partial.comparison).toMatchObject({ months: 12, monthsWithData: 2 });
    expect(dashboard.options.currencies).toEqual(['RUB', 'USD']);
  });

  it('writes minor units and exact major units, with a header row', async () => {
    const f = filters({ from: '2025-01', to: '2025-02', currency: 'RUB', segment: 'smb' });
    const rows = await queryRevenueMonthly(warehouse, f);
    const csv = revenueMonthlyCsv(rows, f);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'month,currency,segment,region,invoice_count,invoiced_minor,invoiced,invoiced_net_minor,invoiced_net,tax_minor,tax,payment_count,' +
        'collected_minor,collected,refunds_minor,refunds,net_collected_minor,net_collected,credit_notes_minor,credit_notes',
    );
    expect(lines).toHaveLength(3);
    const jan = REVENUE_MART_FIXTURE_ROWS.find((r) => r.month === '2025-01' && r.currency === 'RUB' && r.segment === 'smb')!;
    const cells = lines[1].split(',');
    expect(cells.slice(0, 7)).toEqual(['2025-01', 'RUB', 'smb', 'all', String(jan.invoice_count), String(jan.invoiced_minor), `${jan.invoiced_minor / 100n}.${String(jan.invoiced_minor % 100n).padStart(2, '0')}`]);
  });

  it('escapes text fields and defuses formulas', async () => {
    const f = filters({ from: '2025-01', to: '2025-01', segment: '=HYPERLINK("x")' });
    const csv = revenueMonthlyCsv(await queryRevenueMonthly(warehouse, f), f);
    expect(csv.split('\r\n')[1]).toContain(`,"'=HYPERLINK(""x"")",all,`);
  });
});
