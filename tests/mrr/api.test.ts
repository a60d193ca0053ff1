import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerlensServices } from '../../pipelines/services.ts';
import { createApiRouter } from '../../app/lib/server/api/router.ts';
import { asAllScopesToken } from '../support/api-principal.ts';
import { clearServices, setServices } from '../../app/lib/server/services.ts';
import { openMrrFixture, type MrrFixture } from './fixture.ts';

/** The MRR and retention API over HTTP, against the hand-made histories of ./fixture.ts. */
describe('MRR and retention API', () => {
  let fixture: MrrFixture;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    fixture = await openMrrFixture();
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

  const json = async (path: string) => {
    const res = await fetch(url + path);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('answers the monthly bridge per currency with bigints as strings, settings as parameters', async () => {
    const { status, body } = await json('/mrr/monthly?currency=RUB&past_due_churn_days=30');
    expect(status).toBe(200);
    expect(body.range).toEqual({ from: '2026-01', to: '2026-07' });
    const rows = body.rows as { period: string; churnMinor: string; reactivationMinor: string; mrrMinor: string }[];
    expect(rows.map((r) => r.period)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07']);
    expect(rows.find((r) => r.period === '2026-03')).toMatchObject({ churnMinor: '8000', mrrMinor: '39001' });
    expect(rows.find((r) => r.period === '2026-04')).toMatchObject({ reactivationMinor: '8000', mrrMinor: '27001' });
  });

  it('exports the bridge, the movements and the cohorts as CSV with minor units and exact decimals', async () => {
    const res = await fetch(`${url}/mrr/monthly?currency=EUR&format=csv`);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const [header, ...lines] = (await res.text()).trimEnd().split('\r\n');
    expect(header!.split(',').slice(0, 10)).toEqual(['period', 'period_kind', 'first_month', 'last_month', 'currency', 'group (none)', 'opening_mrr_minor', 'opening_mrr', 'new_minor', 'new']);
    expect(lines[0]!.split(',').slice(0, 10)).toEqual(['2026-03', 'month', '2026-03', '2026-03', 'EUR', '', '0', '0.00', '4000', '40.00']);
    const movements = await (await fetch(`${url}/mrr/movements?month=2026-04&currency=RUB&kind=churn&format=csv`)).text();
    expect(movements.split('\r\n')[1]).toMatch(/^2026-04,c1,"ООО ""Ромашка""",smb,Moscow,,RUB,churn,20000,200\.00,0,0\.00,-20000,-200\.00,0,0,,false,2026-04-05T09:00:00\.000Z ended STD ×1 \(s1\)$/);
    const cohorts = await json('/retention/cohorts?currency=RUB&from=2026-02&to=2026-02');
    expect((cohorts.body.cells as { age: number; mrrMinor: string }[]).map((c) => [c.age, c.mrrMinor])).toEqual([[0, '10001'], [1, '10001'], [2, '10001'], [3, '30002'], [4, '30002'], [5, '30002']]);
  });

  it('rejects bad input with 400 and the parameter at fault', async () => {
    const cases: [string, string, string][] = [
      ['/mrr/monthly?past_due_churn_days=-1', 'BAD_SETTING', 'past_due_churn_days'],
      ['/mrr/monthly?past_due_churn_days=1;drop', 'BAD_SETTING', 'past_due_churn_days'],
      ['/mrr/monthly?usage_in_mrr=yes', 'BAD_SETTING', 'usage_in_mrr'],
      ['/retention?trials=maybe', 'BAD_SETTING', 'trials'],
      ['/retention?free_plans=1', 'BAD_SETTING', 'free_plans'],
      ['/mrr/monthly?groupBy=planet', 'BAD_GROUP_BY', 'groupBy'],
      ['/mrr/monthly?period=week', 'BAD_PERIOD', 'period'],
      ['/mrr/monthly?from=2026-13', 'BAD_MONTH', 'from'],
      ['/mrr/monthly?from=2026-05&to=2026-01', 'MONTH_RANGE_REVERSED', 'from'],
      ['/mrr/monthly?currency=rub', 'BAD_CURRENCY', 'currency'],
      ['/mrr/monthly?format=xml', 'BAD_FORMAT', 'format'],
      ['/mrr/movements?currency=RUB', 'BAD_MONTH', 'month'],
      ['/mrr/movements?month=2026-03', 'BAD_CURRENCY', 'currency'],
      ['/mrr/movements?month=2026-03&currency=RUB&kind=upsell', 'BAD_KIND', 'kind'],
      ['/mrr/movements?month=2026-03&currency=RUB&limit=0', 'BAD_LIMIT', 'limit'],
      ['/retention/cohorts?to=2020', 'BAD_MONTH', 'to'],
    ];
    for (const [path, code, param] of cases) {
      const { status, body } = await json(path);
      expect([path, status, (body.error as { code: string }).code, (body.error as { param: string }).param]).toEqual([path, 400, code, param]);
    }
  });
});
