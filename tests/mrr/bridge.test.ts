import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { movementsPage } from '../../app/lib/server/mrr/drill.ts';
import { mrrPeriods } from '../../app/lib/server/mrr/load.ts';
import { DEFAULT_SETTINGS } from '../../app/lib/mrr/settings.ts';
import type { MrrGroupBy, MrrPeriod, MrrPeriodRow, MrrSettings } from '../../app/lib/server/mrr/types.ts';
import type { MonthString } from '../../app/lib/months.ts';
import { openMrrFixture, type MrrFixture } from './fixture.ts';

/**
 * MRR and its bridge over the hand-made histories of ./fixture.ts, every figure worked out by hand
 * (minor units). Months Jan–Jul 2026, closes at 00:00 Moscow on the 1st of the next month.
 */
describe('MRR bridge on hand-made subscription histories', () => {
  let fixture: MrrFixture;
  beforeAll(async () => {
    fixture = await openMrrFixture();
    expect(fixture.rowsQuarantined).toBe(0);
  });
  afterAll(async () => {
    await fixture?.close();
  });

  const rows = (settings: Partial<MrrSettings> = {}, options: { groupBy?: MrrGroupBy; period?: MrrPeriod; plan?: string } = {}) =>
    mrrPeriods(
      fixture.warehouse,
      {
        settings: { ...DEFAULT_SETTINGS, ...settings },
        filters: { currency: null, segment: null, region: null, plan: options.plan ?? null },
        groupBy: options.groupBy ?? 'none', period: options.period ?? 'month', from: null, to: null,
      },
      { from: '2026-01' as MonthString, to: '2026-07' as MonthString },
    );

  /** [opening, new, reactivation, expansion, contraction, churn, mrr] per month of one currency (and group). */
  const bridge = (all: MrrPeriodRow[], currency: string, group = '') =>
    Object.fromEntries(
      all.filter((r) => r.currency === currency && r.groupKey === group)
        .map((r) => [r.period, [r.openingMrrMinor, r.newMinor, r.reactivationMinor, r.expansionMinor, r.contractionMinor, r.churnMinor, r.mrrMinor]]),
    );

  const expectClosed = (all: MrrPeriodRow[]) => {
    for (const r of all) {
      expect(r.openingMrrMinor + r.newMinor + r.reactivationMinor + r.expansionMinor - r.contractionMinor - r.churnMinor).toBe(r.mrrMinor);
      expect(r.netChangeMinor).toBe(r.mrrMinor - r.openingMrrMinor);
      expect(r.arrMinor).toBe(r.mrrMinor * 12n);
    }
  };

  it('classifies upgrade, downgrade, cancel, reactivation, a yearly plan with a quantity change (default settings, RUB)', async () => {
    const all = await rows();
    expectClosed(all);
    expect(bridge(all, 'RUB')).toEqual({
      // c1 BASIC 10000 and c6 8000 are new
      '2026-01': [0n, 18000n, 0n, 0n, 0n, 0n, 18000n],
      // c2 yearly 120006 / 12 = 10000.5 → 10001 new; c1 upgraded mid-month to 25000: expansion 15000
      '2026-02': [18000n, 10001n, 0n, 15000n, 0n, 0n, 43001n],
      // c4's trial ended 15 Mar: new 9000; c1 downgraded to 20000: contraction 5000
      '2026-03': [43001n, 9000n, 0n, 0n, 5000n, 0n, 47001n],
      // c1 ended 5 Apr: churn of its 20000
      '2026-04': [47001n, 0n, 0n, 0n, 0n, 20000n, 27001n],
      // c2 to three seats: 360018 / 12 = 30001.5 → 30002, expansion 20001
      '2026-05': [27001n, 0n, 0n, 20001n, 0n, 0n, 47002n],
      // c1 back on 12 Jun: reactivation
      '2026-06': [47002n, 0n, 20000n, 0n, 0n, 0n, 67002n],
      '2026-07': [67002n, 0n, 0n, 0n, 0n, 0n, 67002n],
    });
    const customers = all.filter((r) => r.currency === 'RUB').map((r) => [r.period, r.customers, r.newCustomers, r.churnedCustomers, r.reactivatedCustomers]);
    expect(customers).toEqual([
      ['2026-01', 2, 2, 0, 0], ['2026-02', 3, 1, 0, 0], ['2026-03', 4, 1, 0, 0], ['2026-04', 3, 0, 1, 0],
      ['2026-05', 3, 0, 0, 0], ['2026-06', 4, 0, 0, 1], ['2026-07', 4, 0, 0, 0],
    ]);
  });

  it('treats a currency change as churn in the old currency and new business in the new one, never adding the two', async () => {
    const all = await rows();
    expect(bridge(all, 'USD')).toEqual({
      '2026-01': [0n, 5000n, 0n, 0n, 0n, 0n, 5000n],
      '2026-02': [5000n, 0n, 0n, 0n, 0n, 0n, 5000n],
      '2026-03': [5000n, 0n, 0n, 0n, 0n, 5000n, 0n],
      '2026-04': [0n, 0n, 0n, 0n, 0n, 0n, 0n], '2026-05': [0n, 0n, 0n, 0n, 0n, 0n, 0n], '2026-06': [0n, 0n, 0n, 0n, 0n, 0n, 0n], '2026-07': [0n, 0n, 0n, 0n, 0n, 0n, 0n],
    });
    const eur = bridge(all, 'EUR');
    expect(eur['2026-03']).toEqual([0n, 4000n, 0n, 0n, 0n, 0n, 4000n]);
    expect(eur['2026-07']).toEqual([4000n, 0n, 0n, 0n, 0n, 0n, 4000n]);
    expect(Object.keys(eur)).toEqual(['2026-03', '2026-04', '2026-05', '2026-06', '2026-07']);
  });

  it('counts past-due customers as churned after N days, and back as reactivated when paid', async () => {
    // c6's invoice due 15 Feb: 13 days past due at the February close, 44 at March's; paid 20 Apr.
    const thirty = bridge(await rows({ pastDueChurnDays: 30 }), 'RUB');
    expect(thirty['2026-02']).toEqual([18000n, 10001n, 0n, 15000n, 0n, 0n, 43001n]);
    expect(thirty['2026-03']).toEqual([43001n, 9000n, 0n, 0n, 5000n, 8000n, 39001n]);
    expect(thirty['2026-04']).toEqual([39001n, 0n, 8000n, 0n, 0n, 20000n, 27001n]);
    const ten = await rows({ pastDueChurnDays: 10 });
    expectClosed(ten);
    expect(bridge(ten, 'RUB')['2026-02']).toEqual([18000n, 10001n, 0n, 15000n, 0n, 8000n, 35001n]);
    expect(bridge(ten, 'RUB')['2026-03']).toEqual([35001n, 9000n, 0n, 0n, 5000n, 0n, 39001n]);
    expect(bridge(ten, 'RUB')['2026-04']).toEqual([39001n, 0n, 8000n, 0n, 0n, 20000n, 27001n]);
    expect(bridge(await rows({ pastDueChurnDays: 44 }), 'RUB')['2026-03']![5]).toBe(0n);
  });

  it('adds the trailing three-month usage average when usage counts, and counts trials at price when asked', async () => {
    const usage = await rows({ usageInMrr: true });
    expectClosed(usage);
    const b = bridge(usage, 'RUB');
    // c5 (PAYG, price 0): usage average Feb 1000 (new), Mar 3000, Apr 3500, May 2500, Jun 500, Jul 0 (churn)
    expect(b['2026-02']).toEqual([18000n, 11001n, 0n, 15000n, 0n, 0n, 44001n]);
    expect(b['2026-03']).toEqual([44001n, 9000n, 0n, 2000n, 5000n, 0n, 50001n]);
    expect(b['2026-04']).toEqual([50001n, 0n, 0n, 500n, 0n, 20000n, 30501n]);
    expect(b['2026-05']).toEqual([30501n, 0n, 0n, 20001n, 1000n, 0n, 49502n]);
    expect(b['2026-06']).toEqual([49502n, 0n, 20000n, 0n, 2000n, 0n, 67502n]);
    expect(b['2026-07']).toEqual([67502n, 0n, 0n, 0n, 0n, 500n, 67002n]);
    // usage is shown beside MRR whatever the setting
    expect((await rows()).filter((r) => r.currency === 'RUB').map((r) => r.usageMinor)).toEqual([0n, 1000n, 3000n, 3500n, 2500n, 500n, 0n]);

    const trials = bridge(await rows({ trials: 'count' }), 'RUB');
    expect(trials['2026-02']).toEqual([18000n, 19001n, 0n, 15000n, 0n, 0n, 52001n]);
    expect(trials['2026-03']).toEqual([52001n, 0n, 0n, 0n, 5000n, 0n, 47001n]);
  });

  it('counts free-plan customers as customers only when asked, without changing MRR', async () => {
    const counted = await rows({ freePlans: 'count' });
    const base = await rows();
    const rub = (all: MrrPeriodRow[]) => all.filter((r) => r.currency === 'RUB');
    expect(rub(counted).map((r) => r.customers)).toEqual(rub(base).map((r) => r.customers + 1));
    expect(rub(counted).map((r) => r.mrrMinor)).toEqual(rub(base).map((r) => r.mrrMinor));
    expect(rub(counted)[0]!.newCustomers).toBe(2);
  });

  it('splits by plan (customer × plan movements) and by segment, each closing and adding up to the total', async () => {
    const total = bridge(await rows(), 'RUB');
    const byPlan = await rows({}, { groupBy: 'plan' });
    expectClosed(byPlan);
    // c1's upgrade BASIC → PRO in February is churn on BASIC and new on PRO at the plan grain
    expect(bridge(byPlan, 'RUB', 'PRO')['2026-02']).toEqual([0n, 25000n, 0n, 0n, 0n, 0n, 25000n]);
    expect(bridge(byPlan, 'RUB', 'BASIC')['2026-02']).toEqual([18000n, 0n, 0n, 0n, 0n, 10000n, 8000n]);
    expect(bridge(byPlan, 'RUB', 'STD')['2026-06']).toEqual([0n, 0n, 20000n, 0n, 0n, 0n, 20000n]);
    const bySegment = await rows({}, { groupBy: 'segment' });
    expectClosed(bySegment);
    for (const grouped of [byPlan, bySegment]) {
      for (const [month, t] of Object.entries(total)) {
        const parts = grouped.filter((r) => r.currency === 'RUB' && r.period === month);
        expect([month, parts.reduce((s, r) => s + r.mrrMinor, 0n), parts.reduce((s, r) => s + r.openingMrrMinor, 0n)]).toEqual([month, t[6], t[0]]);
      }
    }
    expect(bridge(bySegment, 'RUB', 'enterprise')['2026-05']).toEqual([10001n, 0n, 0n, 20001n, 0n, 0n, 30002n]);
  });

  it('compares quarters: MRR at the quarter-end close, movements summed, change against the previous quarter', async () => {
    const q = (await rows({}, { period: 'quarter' })).filter((r) => r.currency === 'RUB');
    expectClosed(q);
    expect(q.map((r) => [r.period, r.openingMrrMinor, r.newMinor, r.expansionMinor, r.contractionMinor, r.churnMinor, r.reactivationMinor, r.mrrMinor, r.months])).toEqual([
      ['2026-01', 0n, 37001n, 15000n, 5000n, 0n, 0n, 47001n, 3],
      ['2026-04', 47001n, 0n, 20001n, 0n, 20000n, 20000n, 67002n, 3],
      ['2026-07', 67002n, 0n, 0n, 0n, 0n, 0n, 67002n, 1],
    ]);
    expect(q[1]!.changeMrr).toBeCloseTo(67002 / 47001 - 1, 12);
    expect(q[0]!.changeMrr).toBeNull();
  });

  it('drills a bridge figure down to its customers and their subscription events, summing to the figure', async () => {
    const page = (month: string, kind: 'expansion' | 'churn' | 'reactivation' | null, currency = 'RUB') =>
      movementsPage(fixture.warehouse, {
        settings: DEFAULT_SETTINGS, filters: { currency, segment: null, region: null, plan: null },
        from: month as MonthString, to: month as MonthString, kind, paging: { limit: 50, offset: 0 },
      });
    const feb = await page('2026-02', 'expansion');
    expect(feb.total).toBe(1);
    expect(feb.deltaMinor).toBe(15000n);
    expect(feb.rows[0]).toMatchObject({ customerId: 'c1', kind: 'expansion', previousMrrMinor: 10000n, mrrMinor: 25000n, deltaMinor: 15000n });
    expect(feb.rows[0]!.events.map((e) => [e.event, e.planCode, e.mrrMinor])).toEqual([['upgrade', 'PRO', 25000n]]);
    const apr = await page('2026-04', 'churn');
    expect(apr.deltaMinor).toBe(-20000n);
    expect(apr.rows[0]!.events.map((e) => [e.event, e.at])).toEqual([['ended', '2026-04-05T09:00:00.000Z']]);
    const all = await page('2026-05', null);
    expect(all.rows.map((r) => [r.customerId, r.kind, r.deltaMinor])).toEqual([['c2', 'expansion', 20001n]]);
    expect(all.rows[0]!.events.map((e) => [e.event, e.quantity, e.mrrMinor])).toEqual([['quantity', 3, 30002n]]);
    const mar = await page('2026-03', null);
    expect(mar.rows.map((r) => [r.customerId, r.kind, r.deltaMinor])).toEqual([['c4', 'new', 9000n], ['c1', 'contraction', -5000n]]);
    expect(mar.rows[0]!.events.map((e) => e.event)).toEqual(['trial_ended']);
    expect((await page('2026-03', 'churn', 'USD')).rows.map((r) => [r.customerId, r.deltaMinor])).toEqual([['c3', -5000n]]);
  });
});
