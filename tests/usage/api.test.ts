import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiRouter } from '../../app/lib/server/api/router.ts';
import { asAllScopesToken } from '../support/api-principal.ts';
import { clearServices, setServices } from '../../app/lib/server/services.ts';
import type { LedgerlensServices } from '../../pipelines/services.ts';
import { openUsageFixture, type UsageFixture } from './fixture.ts';

// The usage and preferences API over HTTP against the fixture warehouse (figures: ./fixture.ts).

describe('usage and preferences API', () => {
  let fixture: UsageFixture;
  let server: Server;
  let url: string;
  const get = (path: string) => fetch(url + path);
  const json = async <T>(path: string): Promise<T> => {
    const res = await get(path);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    fixture = await openUsageFixture();
    setServices({ config: { timezone: 'Europe/Moscow' }, warehouse: fixture.warehouse } as unknown as LedgerlensServices);
    const app = express();
    app.use('/api/v1', createApiRouter({ authenticate: asAllScopesToken }));
    server = app.listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  });
  afterAll(async () => {
    clearServices();
    await new Promise((resolve) => server?.close(resolve));
    await fixture?.close();
  });

  it('serves the heatmap with totals, and the same cells as CSV', async () => {
    const body = await json<{ cells: { isoWeekday: number; hour: number; quantity: string }[]; totals: { dailyQuantity: string; dailyShare: number } }>(
      '/usage/heatmap?service=voice&from=2026-03&to=2026-03',
    );
    expect(body.cells.map((c) => [c.isoWeekday, c.hour, c.quantity])).toEqual([[1, 9, '10.000'], [5, 20, '50.000'], [6, 20, '50.000']]);
    expect(body.totals.dailyQuantity).toBe('100.000');
    const csv = await get('/usage/heatmap?service=voice&from=2026-03&to=2026-03&segment=consumer&format=csv');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="usage-heatmap_voice_2026-03_2026-03.csv"');
    expect((await csv.text()).split('\r\n')).toEqual([
      'service,unit,segment,region,from,to,iso_weekday,weekday,local_hour,quantity,share',
      'voice,minute,consumer,all,2026-03,2026-03,1,Mon,9,10.000,0.090909',
      'voice,minute,consumer,all,2026-03,2026-03,5,Fri,20,50.000,0.454545',
      'voice,minute,consumer,all,2026-03,2026-03,6,Sat,20,50.000,0.454545',
      '',
    ]);
  });

  it('serves peaks, patterns and top consumers', async () => {
    const peaks = await json<{ slots: { rank: number; cumulativeShare: number }[]; hours: { localDate: string }[] }>('/usage/peaks?service=voice&from=2026-03&to=2026-03&top=2');
    expect(peaks.slots.map((s) => s.rank)).toEqual([1, 2]);
    expect(peaks.slots[1]!.cumulativeShare).toBeCloseTo(100 / 110, 12);
    expect(peaks.hours.map((h) => h.localDate)).toEqual(['2026-03-06', '2026-03-07']);
    const patterns = await json<{ monthly: { month: string; records: string }[]; previousYear: { filters: { from: string } }; perCustomer: { p90Quantity: number }[] }>(
      '/usage/patterns?service=voice&from=2026-03&to=2026-04',
    );
    expect(patterns.monthly.map((m) => [m.month, m.records])).toEqual([['2026-03', '5'], ['2026-04', '1']]);
    expect(patterns.previousYear.filters.from).toBe('2025-03');
    expect(patterns.perCustomer.map((m) => m.p90Quantity)).toEqual([96, 40]);
    const top = await get('/usage/top-consumers?service=voice&from=2026-03&to=2026-04&top=1&format=csv');
    expect((await top.text()).split('\r\n')[1]).toBe('voice,minute,all,all,2026-03,2026-04,1,c3,"ООО ""Вектор""",smb,Moscow,140.000,0.560000,2,2');
    const dayCsv = await (await get('/usage/patterns?service=voice&from=2026-03&to=2026-04&format=csv&part=day-of-month')).text();
    expect(dayCsv.split('\r\n')).toHaveLength(1 + 31 + 1);
  });

  it('serves plan mix, migrations and adoption, with CSV parts', async () => {
    const mix = await json<{ months: { month: string; planCode: string; subscriptions: string }[]; tiers: { planCode: string }[] }>('/preferences/plan-mix?from=2026-04&to=2026-04');
    expect(mix.months.map((m) => [m.planCode, m.subscriptions])).toEqual([['MOB-S', '1'], ['MOB-M', '2']]);
    const moves = await (await get('/preferences/migrations?from=2026-01&to=2026-04&format=csv')).text();
    expect(moves).toContain('all,all,2026-01,2026-04,HOME-NET-TV,(end),1,0,0,0\r\n');
    expect(moves).toContain('all,all,2026-01,2026-04,(start),MOB-M,2,0,0,0\r\n');
    const adoption = await json<{ monthly: { month: string; addOnShare: number }[]; combinations: { combination: string }[] }>('/preferences/adoption?from=2026-01&to=2026-03');
    expect(adoption.monthly.map((a) => a.addOnShare)).toEqual([0.5, 1 / 3, 1 / 3]);
    expect(adoption.combinations.map((c) => c.combination)).toEqual(['mobile', 'home + mobile']);
    const frequency = await (await get('/preferences/adoption?from=2026-03&to=2026-03&format=csv&part=frequency')).text();
    expect(frequency.split('\r\n')[0]).toBe('segment,region,from,to,service,unit,active_days,customer_months,customer_months_at_least,in_service,share_at_least');
  });

  const bad: [path: string, code: string, param: string][] = [
    ['/usage/heatmap?from=2026-3', 'BAD_MONTH', 'from'],
    ['/usage/heatmap?from=2026-05&to=2026-03', 'MONTH_RANGE_REVERSED', 'from'],
    ['/usage/heatmap?service=fax', 'BAD_SERVICE', 'service'],
    ["/usage/heatmap?service=voice';--", 'BAD_SERVICE', 'service'],
    ['/usage/heatmap?service=data&unit=gb', 'BAD_SERVICE', 'unit'],
    ['/usage/heatmap?format=xml', 'BAD_FORMAT', 'format'],
    ['/usage/peaks?top=0', 'BAD_TOP', 'top'],
    ['/usage/peaks?format=csv', 'BAD_PART', 'part'],
    ['/usage/patterns?format=csv&part=weekly', 'BAD_PART', 'part'],
    ['/usage/top-consumers?top=5000', 'BAD_TOP', 'top'],
    [`/preferences/plan-mix?segment=${'s'.repeat(201)}`, 'BAD_DIMENSION', 'segment'],
    ['/preferences/plan-mix?format=csv&part=x', 'BAD_PART', 'part'],
    ['/preferences/migrations?to=13-2026', 'BAD_MONTH', 'to'],
    ['/preferences/adoption?format=csv', 'BAD_PART', 'part'],
  ];
  it.each(bad)('GET %s → 400 %s', async (path, code, param) => {
    const res = await get(path);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string; param: string } }).error).toMatchObject({ code, param });
  });
});
