import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadUsagePage } from '../../app/lib/server/usage/load.ts';
import { parseUsageFilterInput } from '../../app/lib/server/usage/params.ts';
import { queryHeatmap, queryPeakHours, queryTopConsumers } from '../../app/lib/server/usage/queries.ts';
import type { UsageFilters } from '../../app/lib/usage/types.ts';
import type { MonthString } from '../../app/lib/months.ts';
import { openUsageFixture, type UsageFixture } from './fixture.ts';

// The billing history and its hand-computed figures: ./fixture.ts.

const context = { now: new Date('2026-04-15T12:00Z'), timezone: 'Europe/Moscow' };
const voice = (from: string, to: string, extra: Partial<UsageFilters> = {}): UsageFilters => ({
  service: 'voice', unit: 'minute', from: from as MonthString, to: to as MonthString, segment: null, region: null, ...extra,
});

describe('usage peaks from a hand-made history', () => {
  let fixture: UsageFixture;
  beforeAll(async () => {
    fixture = await openUsageFixture();
    expect(fixture.rowsQuarantined).toBe(0);
  });
  afterAll(async () => {
    await fixture?.close();
  });

  it('puts hourly voice in local weekday × hour cells whose shares add to 100 %, leaving the daily bucket out', async () => {
    const cells = await queryHeatmap(fixture.warehouse, voice('2026-03', '2026-03'));
    // Fri 20:00 = c1 30 + c2 20; Sat 20:00 = c1 50; Mon 09:00 = c2 10; c3's 100 min are a daily bucket
    expect(cells.map((c) => [c.isoWeekday, c.hour, c.quantity])).toEqual([
      [1, 9, '10.000'],
      [5, 20, '50.000'],
      [6, 20, '50.000'],
    ]);
    expect(cells.map((c) => c.share)).toEqual([10 / 110, 50 / 110, 50 / 110]);
    expect(cells.reduce((s, c) => s + c.share, 0)).toBeCloseTo(1, 12);
    // 21:00Z on 31 March is 00:00 on Wednesday 1 April in Moscow
    const april = await queryHeatmap(fixture.warehouse, voice('2026-04', '2026-04'));
    expect(april.map((c) => [c.isoWeekday, c.hour, c.quantity, c.share])).toEqual([[3, 0, '40.000', 1]]);
  });

  it('ranks the busiest hours with their share, and the page reports the daily-bucket share left out', async () => {
    const hours = await queryPeakHours(fixture.warehouse, voice('2026-03', '2026-03'), 2);
    expect(hours.map((h) => [h.rank, h.localDate, h.hour, h.isoWeekday, h.quantity])).toEqual([
      [1, '2026-03-06', 20, 5, '50.000'],
      [2, '2026-03-07', 20, 6, '50.000'],
    ]);
    expect(hours[0]!.share).toBe(50 / 110);

    const page = await loadUsagePage(fixture.warehouse, parseUsageFilterInput(new URLSearchParams('service=voice&from=2026-03&to=2026-03')), context);
    expect(page.totals).toEqual({ quantity: '210.000', hourlyQuantity: '110.000', dailyQuantity: '100.000', dailyShare: 0.47619 });
    expect(page.peakSlots.map((s) => [s.rank, s.isoWeekday, s.hour])).toEqual([[1, 5, 20], [2, 6, 20], [3, 1, 9]]);
    expect(page.peakSlots.at(-1)!.cumulativeShare).toBeCloseTo(1, 12);
    expect(page.comparison).toMatchObject({ from: '2025-03', to: '2025-03', quantity: '210.000', previousQuantity: '0.000', change: null });
    // "now" is 15 April: March is complete, April is not
    expect(page.partialLastMonth).toBe(false);
  });

  it('gives day-of-month means over the months that have the day, and monthly totals in local months', async () => {
    const page = await loadUsagePage(fixture.warehouse, parseUsageFilterInput(new URLSearchParams('service=voice&from=2026-03&to=2026-04')), context);
    const day = (d: number) => page.dayOfMonth.find((r) => r.dayOfMonth === d)!;
    expect(page.dayOfMonth).toHaveLength(31);
    expect(day(6)).toEqual({ dayOfMonth: 6, months: 2, quantity: '50.000', meanPerDay: 25 });
    expect(day(15)).toEqual({ dayOfMonth: 15, months: 2, quantity: '100.000', meanPerDay: 50 });
    expect(day(1)).toEqual({ dayOfMonth: 1, months: 2, quantity: '40.000', meanPerDay: 20 });
    expect(day(31)).toEqual({ dayOfMonth: 31, months: 1, quantity: '0.000', meanPerDay: 0 });
    expect(page.monthly.map((m) => [m.month, m.quantity, m.hourlyQuantity, m.dailyQuantity, m.records])).toEqual([
      ['2026-03', '210.000', '110.000', '100.000', 5n],
      ['2026-04', '40.000', '40.000', '0.000', 1n],
    ]);
  });

  it('lists top consumers with their share and the median and p90 per active customer', async () => {
    const top = await queryTopConsumers(fixture.warehouse, voice('2026-03', '2026-04'), 2);
    expect(top.map((t) => [t.rank, t.customerId, t.quantity, t.share, t.activeMonths, t.activeDays])).toEqual([
      [1, 'c3', '140.000', 140 / 250, 2, 2],
      [2, 'c1', '80.000', 80 / 250, 1, 2],
    ]);
    expect(top[0]!.name).toBe('ООО "Вектор"');

    const page = await loadUsagePage(fixture.warehouse, parseUsageFilterInput(new URLSearchParams('service=voice&from=2026-03&to=2026-04')), context);
    // March: c1 80, c2 30, c3 100 → median 80, p90 = 80 + 0.8 × (100 − 80) = 96
    expect(page.perCustomer.map((m) => [m.month, m.activeCustomers, m.totalQuantity, m.medianQuantity, m.p90Quantity])).toEqual([
      ['2026-03', 3n, '210.000', 80, 96],
      ['2026-04', 1n, '40.000', 40, 40],
    ]);
    const consumers = await loadUsagePage(fixture.warehouse, parseUsageFilterInput(new URLSearchParams('service=voice&from=2026-03&to=2026-03&segment=consumer')), context);
    expect(consumers.perCustomer.map((m) => [m.medianQuantity, m.p90Quantity])).toEqual([[55, 75]]);
    expect(consumers.totals?.quantity).toBe('110.000');
  });

  it('defaults to the service with most records and the twelve months up to the latest usage; data stays in MB', async () => {
    const page = await loadUsagePage(fixture.warehouse, parseUsageFilterInput(new URLSearchParams('')), context);
    expect(page.filters).toMatchObject({ service: 'voice', unit: 'minute', from: '2025-05', to: '2026-04' });
    expect(page.partialLastMonth).toBe(true);
    expect(page.options.services.map((s) => s.service)).toEqual(['voice', 'data', 'sms']);
    const data = await loadUsagePage(fixture.warehouse, parseUsageFilterInput(new URLSearchParams('service=data&from=2026-03&to=2026-03')), context);
    expect(data.totals?.quantity).toBe('3072.500');
    expect(data.heatmap.map((c) => [c.isoWeekday, c.hour, c.quantity])).toEqual([[5, 21, '3072.500']]);
  });

  it('answers an unknown service or unit with a 400 that lists what exists', async () => {
    const load = (q: string) => loadUsagePage(fixture.warehouse, parseUsageFilterInput(new URLSearchParams(q)), context);
    await expect(load('service=fax')).rejects.toMatchObject({ code: 'BAD_SERVICE', status: 400, message: expect.stringContaining('voice, data, sms') });
    await expect(load('service=data&unit=gb')).rejects.toMatchObject({ code: 'BAD_SERVICE', param: 'unit' });
    expect(() => parseUsageFilterInput(new URLSearchParams("service=voice' or 1=1"))).toThrow(expect.objectContaining({ code: 'BAD_SERVICE' }));
  });
});
