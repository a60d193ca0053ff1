import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPreferencesPage } from '../../app/lib/server/preferences/load.ts';
import { queryMigrations, queryPlanMix } from '../../app/lib/server/preferences/queries.ts';
import { parseReportFilterInput } from '../../app/lib/server/report-input.ts';
import type { MonthString } from '../../app/lib/months.ts';
import type { ReportFilters } from '../../app/lib/report-filters.ts';
import { openUsageFixture, type UsageFixture } from './fixture.ts';

// The billing history and its hand-computed figures: ./fixture.ts.

const context = { now: new Date('2026-04-15T12:00Z'), timezone: 'Europe/Moscow' };
const period = (from: string, to: string, extra: Partial<ReportFilters> = {}): ReportFilters => ({
  from: from as MonthString, to: to as MonthString, segment: null, region: null, ...extra,
});

describe('customer preferences from a hand-made history', () => {
  let fixture: UsageFixture;
  beforeAll(async () => {
    fixture = await openUsageFixture();
  });
  afterAll(async () => {
    await fixture?.close();
  });

  it('counts plans held at each month end, in local time, with shares adding to 100 %', async () => {
    const rows = await queryPlanMix(fixture.warehouse, period('2026-01', '2026-04'));
    const table = rows.map((r) => [r.month, r.planCode, r.subscriptions, r.quantity, r.upgradedSubscriptions]);
    expect(table).toEqual([
      // end of January: s4 starts at 1 Feb 00:00 Moscow, so it is not yet held
      ['2026-01', 'HOME-NET', 1n, 1n, 0n],
      ['2026-01', 'MOB-S', 1n, 1n, 0n],
      ['2026-01', 'MOB-M', 1n, 1n, 0n],
      ['2026-02', 'HOME-NET', 1n, 1n, 0n],
      ['2026-02', 'MOB-M', 3n, 7n, 1n],
      // end of March: s2 ends at 1 Apr 00:00, the first instant after March, so March still holds it
      ['2026-03', 'HOME-NET-TV', 1n, 1n, 1n],
      ['2026-03', 'MOB-S', 1n, 1n, 0n],
      ['2026-03', 'MOB-M', 2n, 8n, 1n],
      ['2026-04', 'MOB-S', 1n, 1n, 0n],
      ['2026-04', 'MOB-M', 2n, 8n, 1n],
    ]);
    for (const month of ['2026-01', '2026-02', '2026-03', '2026-04']) {
      expect(rows.filter((r) => r.month === month).reduce((s, r) => s + r.share, 0)).toBeCloseTo(1, 12);
    }
    const smb = await queryPlanMix(fixture.warehouse, period('2026-03', '2026-03', { segment: 'smb' }));
    expect(smb.map((r) => [r.planCode, r.subscriptions, r.share])).toEqual([['MOB-M', 1n, 1]]);
  });

  it('counts moves between plans: starts, upgrades, downgrades and ends; quantity changes are not moves', async () => {
    const moves = await queryMigrations(fixture.warehouse, period('2026-01', '2026-04'));
    expect(moves.map((m) => [m.fromPlanCode, m.toPlanCode, m.subscriptions, m.upgrades, m.downgrades])).toEqual([
      [null, 'HOME-NET', 1n, 0n, 0n],
      [null, 'MOB-M', 2n, 0n, 0n],
      [null, 'MOB-S', 1n, 0n, 0n],
      ['HOME-NET', 'HOME-NET-TV', 1n, 1n, 0n],
      ['HOME-NET-TV', null, 1n, 0n, 0n],
      ['MOB-M', 'MOB-S', 1n, 0n, 1n],
      ['MOB-S', 'MOB-M', 1n, 1n, 0n],
    ]);
    // s2's end at 1 Apr 00:00 Moscow falls in April
    const march = await queryMigrations(fixture.warehouse, period('2026-03', '2026-03'));
    expect(march.map((m) => [m.fromPlanCode, m.toPlanCode])).toEqual([['HOME-NET', 'HOME-NET-TV'], ['MOB-M', 'MOB-S']]);
  });

  it('measures add-on adoption, family combinations, tier mix and service frequency', async () => {
    const page = await loadPreferencesPage(fixture.warehouse, parseReportFilterInput(new URLSearchParams('from=2026-01&to=2026-03')), context);
    // c1 holds mobile + home from January to March; c3 joins in February
    expect(page.adoption.map((a) => [a.month, a.customers, a.multiSubscription, a.multiFamily, a.addOnShare])).toEqual([
      ['2026-01', 2n, 1n, 1n, 0.5],
      ['2026-02', 3n, 1n, 1n, 1 / 3],
      ['2026-03', 3n, 1n, 1n, 1 / 3],
    ]);
    expect(page.combinations.map((c) => [c.combination, c.customers, c.share])).toEqual([
      ['mobile', 2n, 2 / 3],
      ['home + mobile', 1n, 1 / 3],
    ]);
    expect(page.tiers.map((t) => [t.family, t.tier, t.planCode, t.subscriptions, t.shareOfFamily, t.upgradedShare])).toEqual([
      ['home', 2, 'HOME-NET-TV', 1n, 1, 1],
      ['mobile', 1, 'MOB-S', 1n, 1 / 3, 0],
      ['mobile', 2, 'MOB-M', 2n, 2 / 3, 0.5],
    ]);
    // Customer-months in service Jan–Mar: 2 + 3 + 3 = 8. Voice in March: c1 2 days, c2 2 days, c3 1 day.
    const voice = page.frequency.filter((f) => f.service === 'voice');
    expect(voice.map((f) => [f.activeDays, f.customerMonths, f.customerMonthsAtLeast, f.inService, f.shareAtLeast])).toEqual([
      [1, 1n, 3n, 8n, 3 / 8],
      [2, 2n, 2n, 8n, 2 / 8],
    ]);
    expect(page.comparison).toMatchObject({ month: '2026-03', previousMonth: '2025-03', previous: null });
    expect(page.comparison.current?.multiFamily).toBe(1n);
  });

  it('defaults to the twelve months up to the latest month of data', async () => {
    const page = await loadPreferencesPage(fixture.warehouse, parseReportFilterInput(new URLSearchParams('region=Volga')), context);
    expect(page.filters).toEqual({ from: '2025-05', to: '2026-04', segment: null, region: 'Volga' });
    expect(page.adoption.map((a) => [a.month, a.customers])).toEqual([['2026-01', 1n], ['2026-02', 1n], ['2026-03', 1n], ['2026-04', 1n]]);
  });
});
