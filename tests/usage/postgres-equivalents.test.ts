import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preferencesPostgresQueries, usagePostgresQueries, type PostgresBenchQuery } from '../../bench/queries/usage-postgres.ts';
import { sqlQuery } from '../../pipelines/warehouse/sql-files.ts';
import { openUsageFixture, type UsageFixture } from './fixture.ts';

// The bench's Postgres versions of the page queries give the warehouse's figures on the fixture
// (./fixture.ts): same rows, same order, same values in every column both return.

type Row = Record<string, unknown>;

/** Numbers, bigints and decimal strings compared as numbers (Postgres numeric text vs DuckDB decimal). */
function normalize(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number') return Math.round(value * 1e9) / 1e9;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return value;
}

function common(pg: Row[], duck: Row[]): { pg: Row[]; duck: Row[] } {
  const columns = Object.keys(duck[0] ?? {}).filter((c) => pg[0] && c in pg[0]);
  const pick = (rows: Row[]) => rows.map((r) => Object.fromEntries(columns.map((c) => [c, normalize(r[c])])));
  return { pg: pick(pg), duck: pick(duck) };
}

describe('Postgres equivalents of the usage and preferences queries', () => {
  let fixture: UsageFixture;
  beforeAll(async () => {
    fixture = await openUsageFixture();
  });
  afterAll(async () => {
    await fixture?.close();
  });

  const compare = async (query: PostgresBenchQuery, duckParams: unknown[]) => {
    const { rows: pg } = await fixture.billing.pool.query(query.sql, query.params);
    const duck = await fixture.warehouse.query<Row>(sqlQuery(query.name), duckParams as never[]);
    expect(duck.length, query.name).toBeGreaterThan(0);
    const both = common(pg, duck);
    expect(Object.keys(both.duck[0]!).length, `${query.name}: columns in common`).toBeGreaterThanOrEqual(3);
    expect(both.pg, query.name).toEqual(both.duck);
  };

  it.each([
    { segment: null, region: null },
    { segment: 'consumer', region: null },
    { segment: null, region: 'Moscow' },
  ])('usage queries agree for %o', async ({ segment, region }) => {
    const filters = { service: 'voice', unit: 'minute', from: '2026-03', to: '2026-04', segment, region, top: 5 };
    const duckParams = ['voice', 'minute', '2026-03-01', '2026-04-01', segment, region];
    for (const query of usagePostgresQueries(filters, 'Europe/Moscow')) {
      await compare(query, query.name.endsWith('top_consumers') || query.name.endsWith('peak_hours') ? [...duckParams, 5] : duckParams);
    }
  });

  it.each([
    { segment: null, region: null },
    { segment: 'consumer', region: 'Moscow' },
  ])('preferences queries agree for %o', async ({ segment, region }) => {
    for (const query of preferencesPostgresQueries({ from: '2026-01', to: '2026-03', segment, region }, 'Europe/Moscow')) {
      const snapshot = query.name === 'preferences_combinations' || query.name === 'preferences_tier_mix';
      await compare(query, snapshot ? ['2026-03-01', segment, region] : ['2026-01-01', '2026-03-01', segment, region]);
    }
  });
});
