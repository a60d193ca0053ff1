import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mrrCohorts, mrrPeriods } from '../../app/lib/server/mrr/load.ts';
import { DEFAULT_SETTINGS } from '../../app/lib/mrr/settings.ts';
import type { MrrInput } from '../../app/lib/server/mrr/types.ts';
import type { MonthString } from '../../app/lib/months.ts';
import { openMrrFixture, type MrrFixture } from './fixture.ts';

const input = (currency: string | null = null): MrrInput => ({
  settings: DEFAULT_SETTINGS, filters: { currency, segment: null, region: null, plan: null }, groupBy: 'none', period: 'month', from: null, to: null,
});
const range = (from: string, to: string) => ({ from: from as MonthString, to: to as MonthString });

/** Retention rates and cohort tables over the hand-made histories of ./fixture.ts (default settings). */
describe('retention and cohorts on the hand-made histories', () => {
  let fixture: MrrFixture;
  beforeAll(async () => {
    fixture = await openMrrFixture();
  });
  afterAll(async () => {
    await fixture?.close();
  });

  it('gives logo churn, revenue churn, GRR, NRR, ARPU and LTV by their formulas', async () => {
    const rub = await mrrPeriods(fixture.warehouse, input('RUB'), range('2026-01', '2026-07'));
    const by = Object.fromEntries(rub.map((r) => [r.period, r]));
    // April: c1 (20000 of 47001) left; 4 customers at the March close
    expect(by['2026-04']).toMatchObject({ openingCustomers: 4, churnedCustomers: 1, logoChurnRate: 0.25 });
    expect(by['2026-04']!.revenueChurnRate).toBeCloseTo(20000 / 47001, 12);
    expect(by['2026-04']!.grr).toBeCloseTo(27001 / 47001, 12);
    expect(by['2026-04']!.nrr).toBeCloseTo(27001 / 47001, 12);
    // May: c2's expansion counts in NRR, not in GRR
    expect(by['2026-05']!.grr).toBe(1);
    expect(by['2026-05']!.nrr).toBeCloseTo(47002 / 27001, 12);
    expect(by['2026-05']!.netRevenueChurnRate).toBeCloseTo(-20001 / 27001, 12);
    // March: contraction 5000 of 43001
    expect(by['2026-03']!.revenueChurnRate).toBeCloseTo(5000 / 43001, 12);
    expect(by['2026-01']!.grr).toBeNull();
    // July: ARPU 67002 / 4 = 16750.5 → 16751; LTV = ARPU × (customers at the openings Jan–Jul: 0+2+3+4+3+3+4 = 19) / (lost: 1)
    expect(by['2026-07']).toMatchObject({ payingCustomers: 4, arpuMinor: 16751n, ltvMinor: 16751n * 19n });
    expect(by['2026-03']!.ltvMinor).toBeNull();
    expect(by['2026-07']!.grr12m).toBeNull();
  });

  it('builds logo and revenue cohorts by first MRR month, per currency', async () => {
    const cells = await mrrCohorts(fixture.warehouse, input(), range('2026-01', '2026-07'));
    const table = (cohort: string, currency: string) =>
      cells.filter((c) => c.cohort === cohort && c.currency === currency).map((c) => [c.age, c.customers, c.mrrMinor]);
    // January RUB: c1 and c6 (18000); c1 upgrades, downgrades, leaves in April and is back in June
    expect(table('2026-01', 'RUB')).toEqual([
      [0, 2, 18000n], [1, 2, 33000n], [2, 2, 28000n], [3, 1, 8000n], [4, 1, 8000n], [5, 2, 28000n], [6, 2, 28000n],
    ]);
    // February RUB: c2 alone, tripled in May
    expect(table('2026-02', 'RUB')).toEqual([[0, 1, 10001n], [1, 1, 10001n], [2, 1, 10001n], [3, 1, 30002n], [4, 1, 30002n], [5, 1, 30002n]]);
    expect(table('2026-03', 'RUB').map((r) => r[2])).toEqual([9000n, 9000n, 9000n, 9000n, 9000n]);
    // c3 is a January USD customer gone in March, and a March EUR customer
    expect(table('2026-01', 'USD')).toEqual([[0, 1, 5000n], [1, 1, 5000n], [2, 0, 0n], [3, 0, 0n], [4, 0, 0n], [5, 0, 0n], [6, 0, 0n]]);
    expect(table('2026-03', 'EUR')[0]).toEqual([0, 1, 4000n]);
    const jan = cells.filter((c) => c.cohort === '2026-01' && c.currency === 'RUB');
    expect(jan.map((c) => c.logoRetention)).toEqual([1, 1, 1, 0.5, 0.5, 1, 1]);
    expect(jan[1]!.revenueRetention).toBeCloseTo(33000 / 18000, 12);
    expect(jan[3]!.revenueRetention).toBeCloseTo(8000 / 18000, 12);
    expect(cells.every((c) => c.cohortCustomers > 0 && c.cohortMrrMinor > 0n)).toBe(true);
    // the cohort range filters cohorts, not months
    expect(new Set((await mrrCohorts(fixture.warehouse, input('RUB'), range('2026-02', '2026-02'))).map((c) => c.cohort))).toEqual(new Set(['2026-02']));
  });
});

/**
 * Trailing twelve-month GRR and NRR need a longer history: two RUB customers from January 2025.
 *   a  10000, 15000 from 10 Jun 2025          b  5000, ends 10 Mar 2026
 */
const LONG_HISTORY = [
  `INSERT INTO billing.customers (id, name, email, phone, segment, region, currency, created_at, updated_at) VALUES
    ('a', 'A', null, null, 'smb', 'Moscow', 'RUB', '2025-01-10T09:00Z', now()), ('b', 'B', null, null, 'smb', 'Moscow', 'RUB', '2025-01-10T09:00Z', now())`,
  `INSERT INTO billing.plans (id, code, name, kind, billing_period_months, price_minor, currency, updated_at) VALUES
    ('m', 'M', 'M', 'subscription', 1, 5000, 'RUB', now())`,
  `INSERT INTO billing.subscriptions (id, customer_id, plan_id, status, started_at, trial_ends_at, canceled_at, ended_at, updated_at) VALUES
    ('sa', 'a', 'm', 'active', '2025-01-10T09:00Z', null, null, null, now()), ('sb', 'b', 'm', 'canceled', '2025-01-10T09:00Z', null, '2026-03-10T09:00Z', '2026-03-10T09:00Z', now())`,
  `INSERT INTO billing.subscription_versions (id, subscription_id, plan_id, quantity, price_minor, discount_minor, currency, change_kind, valid_from, valid_to, updated_at) VALUES
    ('va1', 'sa', 'm', 2, 10000, 0, 'RUB', 'new', '2025-01-10T09:00Z', '2025-06-10T09:00Z', now()),
    ('va2', 'sa', 'm', 3, 15000, 0, 'RUB', 'quantity', '2025-06-10T09:00Z', null, now()),
    ('vb', 'sb', 'm', 1, 5000, 0, 'RUB', 'new', '2025-01-10T09:00Z', '2026-03-10T09:00Z', now())`,
];

describe('trailing twelve-month retention', () => {
  let fixture: MrrFixture;
  beforeAll(async () => {
    fixture = await openMrrFixture(LONG_HISTORY);
  });
  afterAll(async () => {
    await fixture?.close();
  });

  it('compares each customer with its own MRR twelve months earlier', async () => {
    const rows = await mrrPeriods(fixture.warehouse, input('RUB'), range('2025-12', '2026-03'));
    const by = Object.fromEntries(rows.map((r) => [r.period, r]));
    expect(by['2025-12']!.grr12m).toBeNull();
    // January 2026 against January 2025: a 15000 (was 10000), b 5000 (was 5000)
    expect(by['2026-01']!.grr12m).toBe(1);
    expect(by['2026-01']!.nrr12m).toBeCloseTo(20000 / 15000, 12);
    // March 2026: b is gone
    expect(by['2026-03']!.grr12m).toBeCloseTo(10000 / 15000, 12);
    expect(by['2026-03']!.nrr12m).toBe(1);
    expect(by['2026-03']!.logoChurnRate).toBe(0.5);
  });
});

describe('periods without the lookback (what the overview reads)', () => {
  let fixture: MrrFixture;
  beforeAll(async () => {
    fixture = await openMrrFixture();
  });
  afterAll(async () => {
    await fixture?.close();
  });

  it('gives every figure but LTV and the first period’s changes exactly as with it', async () => {
    const groupBys = ['none', 'segment', 'plan'] as const;
    const periods = ['month', 'quarter', 'year'] as const;
    // 2026-05 on: the USD customer left in March, its zero rows come from the months before
    const ranges = [range('2026-02', '2026-07'), range('2026-05', '2026-07')];
    let compared = 0;
    let withLtv = 0;
    for (const groupBy of groupBys) {
      for (const period of periods) {
        for (const r of ranges) {
          // one currency without a breakdown: the one-group way of looking at the months before
          for (const currency of groupBy === 'none' ? [null, 'USD'] : [null]) {
            const i: MrrInput = { ...input(currency), groupBy, period };
            const full = await mrrPeriods(fixture.warehouse, i, r);
            const short = await mrrPeriods(fixture.warehouse, i, r, { lookback: false });
            expect(short.map((x) => [x.period, x.currency, x.groupKey])).toEqual(full.map((x) => [x.period, x.currency, x.groupKey]));
            const firstOfGroup = new Set<string>();
            full.forEach((row, k) => {
              const key = `${row.currency}\u0000${row.groupKey}`;
              const first = !firstOfGroup.has(key);
              firstOfGroup.add(key);
              const s = short[k]!;
              expect(s.ltvMinor).toBeNull();
              if (row.ltvMinor !== null) withLtv++;
              if (first) expect([s.changeMrr, s.changeCustomers, s.changeArpu]).toEqual([null, null, null]);
              const { ltvMinor: _l, changeMrr: _a, changeCustomers: _b, changeArpu: _c, ...same } = row;
              expect(s).toMatchObject(first ? same : { ...same, changeMrr: row.changeMrr, changeCustomers: row.changeCustomers, changeArpu: row.changeArpu });
              compared++;
            });
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(50);
    expect(withLtv).toBeGreaterThan(0);
  });
});
