/**
 * No churn feature uses data after its cut-off: features at cut-off c computed on today's warehouse
 * equal those computed on the billing history as it stood a day after c, when a month-end run would
 * see it (rows dated later removed, later state changes undone; the day's own rows stay and must be
 * ignored). Moving the cut-off later must change them, or the check would prove nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../pipelines/warehouse/connection.ts';
import { tempDataDir } from '../support/warehouse.ts';
import { generatedChurnWarehouse, rewriteHistoryAfter } from './generated-churn-warehouse.ts';

const FEATURES = `SELECT * EXCLUDE (cutoff_local, as_of_month), cutoff_at::VARCHAR AS cutoff
  FROM marts.churn_features_monthly WHERE cutoff_at <= $1::TIMESTAMPTZ ORDER BY cutoff_at, customer_id`;

describe('churn feature mart and its cut-off', () => {
  const tmp = tempDataDir('ledgerlens-churn-cutoff-');
  let w: Warehouse;
  let cutoffs: string[];
  beforeAll(async () => {
    w = await generatedChurnWarehouse(tmp.dir);
    cutoffs = (await w.query<{ c: string }>('SELECT DISTINCT cutoff_at::VARCHAR AS c FROM marts.churn_features_monthly ORDER BY 1')).map((r) => r.c);
  });
  afterAll(() => {
    w.close();
    tmp.remove();
  });

  it('has monthly cut-offs at local midnight, one row per customer and cut-off, with real signal in the features', async () => {
    expect(cutoffs.length).toBe(23);
    expect(cutoffs[0]).toMatch(/^2024-12-31 21:00:00/); // 1 Jan 2025 00:00 in Moscow (UTC+3)
    const [stats] = await w.query<Record<string, bigint>>(`SELECT count(*) AS n, count(DISTINCT (customer_id, cutoff_at)) AS keys,
      count(*) FILTER (WHERE days_past_due > 0) AS overdue, count(*) FILTER (WHERE usage_trend_data IS NOT NULL) AS data_trend,
      count(*) FILTER (WHERE late_invoices_12m > 0) AS late, count(*) FILTER (WHERE failed_payments_6m > 0) AS failed
      FROM marts.churn_features_monthly`);
    expect(stats.n).toBe(stats.keys);
    for (const k of ['overdue', 'data_trend', 'late', 'failed'] as const) expect(stats[k]).toBeGreaterThan(0n);
  });

  it('gives the same features at a cut-off whatever happened after it', async () => {
    const cut = cutoffs[14];
    const later = cutoffs[17];
    const before = await w.query(FEATURES, [cut]);
    const laterBefore = await w.query(FEATURES, [later]);
    expect(before.length).toBeGreaterThan(500);
    const dayAfter = new Date(Date.parse(cut.replace(' ', 'T').replace(/\+00$/, 'Z')) + 86_400_000).toISOString();
    await rewriteHistoryAfter(w, dayAfter);
    const after = await w.query(FEATURES, [cut]);
    expect(after).toEqual(before);
    // The rewrite removed what later cut-offs see: those rows are gone or changed.
    const laterAfter = await w.query(FEATURES, [later]);
    expect(laterAfter).not.toEqual(laterBefore);
  });
});
