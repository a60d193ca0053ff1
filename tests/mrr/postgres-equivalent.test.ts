import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mrrPeriods } from '../../app/lib/server/mrr/load.ts';
import { DEFAULT_SETTINGS } from '../../app/lib/mrr/settings.ts';
import type { MonthString } from '../../app/lib/months.ts';
import { openMrrFixture, type MrrFixture } from './fixture.ts';

const query = (name: string) => fs.readFileSync(new URL(`../../bench/queries/${name}.postgres.sql`, import.meta.url), 'utf8');

/**
 * The PostgreSQL queries the dashboards bench compares with (bench/queries/*.postgres.sql, straight
 * from billing.*) give the warehouse's figures on the hand-made histories: same definitions, two
 * independent implementations.
 */
describe('PostgreSQL equivalents of the MRR bridge and retention', () => {
  let fixture: MrrFixture;
  beforeAll(async () => {
    fixture = await openMrrFixture();
  });
  afterAll(async () => {
    await fixture?.close();
  });

  it('agree with the warehouse for every month and currency', async () => {
    const warehouse = await mrrPeriods(
      fixture.warehouse,
      { settings: DEFAULT_SETTINGS, filters: { currency: null, segment: null, region: null, plan: null }, groupBy: 'none', period: 'month', from: null, to: null },
      { from: '2026-01' as MonthString, to: '2026-07' as MonthString },
    );
    const key = (month: unknown, currency: string) => `${String(month instanceof Date ? month.toISOString() : month).slice(0, 7)} ${currency}`;
    const bridge = await fixture.billing.pool.query(query('mrr_bridge'), ['Europe/Moscow', '2026-01-01', '2026-07-01']);
    const pg = new Map(bridge.rows.map((r) => [key(r.month, r.currency), r]));
    const retention = await fixture.billing.pool.query(query('retention'), ['Europe/Moscow', '2026-01-01', '2026-07-01']);
    const pgRetention = new Map(retention.rows.map((r) => [key(r.month, r.currency), r]));
    const n = (v: unknown) => BigInt(String(v ?? 0));
    let compared = 0;
    for (const w of warehouse) {
      const p = pg.get(`${w.period} ${w.currency}`);
      if (!p) {
        expect([w.period, w.currency, w.mrrMinor, w.openingMrrMinor]).toEqual([w.period, w.currency, 0n, 0n]);
        continue;
      }
      expect([w.period, w.currency, w.openingMrrMinor, w.newMinor, w.reactivationMinor, w.expansionMinor, w.contractionMinor, w.churnMinor, w.mrrMinor, w.payingCustomers])
        .toEqual([w.period, w.currency, n(p.opening_mrr_minor), n(p.new_minor), n(p.reactivation_minor), n(p.expansion_minor), n(p.contraction_minor), n(p.churn_minor), n(p.mrr_minor), Number(p.customers)]);
      const r = pgRetention.get(`${w.period} ${w.currency}`);
      if (r) {
        expect([w.period, w.openingCustomers, w.churnedCustomers, w.logoChurnRate, w.grr, w.nrr])
          .toEqual([w.period, Number(r.opening_customers), Number(r.churned_customers), r.logo_churn_rate, r.grr, r.nrr]);
      }
      compared++;
    }
    expect(compared).toBeGreaterThan(10);
  });
});
