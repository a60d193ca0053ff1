import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerlensServices } from '../../../../pipelines/services.ts';
import { clearServices, setServices } from '../services.ts';
import { createApiRouter } from './router.ts';
import { asAllScopesToken } from '../../../../tests/support/api-principal.ts';

/** Services whose warehouse must not be reached: bad input is rejected before any query. */
const queries: string[] = [];
const services = {
  config: { timezone: 'Europe/Moscow' },
  warehouse: {
    query: async (sql: string) => {
      queries.push(sql);
      throw new Error('the warehouse should not be queried for bad input');
    },
  },
} as unknown as LedgerlensServices;

describe('receivables API: bad input is 400 with a code', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const app = express();
    app.use('/api/v1', createApiRouter({ authenticate: asAllScopesToken }));
    server = app.listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/receivables`;
    setServices(services);
  });
  afterAll(async () => {
    clearServices();
    await new Promise((resolve) => server.close(resolve));
  });

  const cases: [path: string, code: string, param: string][] = [
    ['/aging?asOf=2026-02-30', 'BAD_AS_OF', 'asOf'],
    ['/aging?asOf=yesterday', 'BAD_AS_OF', 'asOf'],
    ['/aging?basis=paid_date', 'BAD_BASIS', 'basis'],
    ['/aging?buckets=30,10', 'BAD_BUCKETS', 'buckets'],
    ['/aging?buckets=0;drop table x', 'BAD_BUCKETS', 'buckets'],
    ['/aging?groupBy=planet', 'BAD_GROUP_BY', 'groupBy'],
    ['/aging?format=xml', 'BAD_FORMAT', 'format'],
    ['/aging/invoices?bucket=1', 'BAD_CURRENCY', 'currency'],
    ['/aging/invoices?currency=rub', 'BAD_CURRENCY', 'currency'],
    ['/aging/invoices?currency=RUB&bucket=-1', 'BAD_BUCKET', 'bucket'],
    ['/aging/invoices?currency=RUB&bucket=x', 'BAD_BUCKET', 'bucket'],
    ['/aging/invoices?currency=RUB&bucket=6', 'BAD_BUCKET', 'bucket'],
    ['/aging/invoices?currency=RUB&buckets=30&bucket=2', 'BAD_BUCKET', 'bucket'],
    [`/aging/invoices?currency=RUB&key=${'k'.repeat(201)}`, 'BAD_KEY', 'key'],
    ['/aging/invoices?currency=RUB&limit=0', 'BAD_LIMIT', 'limit'],
    ['/aging/invoices?currency=RUB&limit=1001', 'BAD_LIMIT', 'limit'],
    ['/aging/invoices?currency=RUB&offset=-5', 'BAD_OFFSET', 'offset'],
    ['/aging/invoices?currency=RUB&basis=x', 'BAD_BASIS', 'basis'],
    ['/aging/trend?currency=EURO', 'BAD_CURRENCY', 'currency'],
    ['/aging/trend?buckets=a,b', 'BAD_BUCKETS', 'buckets'],
    ['/aging/trend?basis=x', 'BAD_BASIS', 'basis'],
    ['/aging/trend?asOf=2026-13-01', 'BAD_AS_OF', 'asOf'],
    ['/aging/trend?format=pdf', 'BAD_FORMAT', 'format'],
    ['/metrics?currency=usd', 'BAD_CURRENCY', 'currency'],
    ['/metrics?cei=crf', 'BAD_CEI_VARIANT', 'cei'],
    [`/metrics?segment=${'s'.repeat(201)}`, 'BAD_DIMENSION', 'segment'],
    [`/metrics?region=${'r'.repeat(201)}`, 'BAD_DIMENSION', 'region'],
    ['/metrics?format=xlsx', 'BAD_FORMAT', 'format'],
  ];

  it.each(cases)('GET %s → 400 %s', async (path, code, param) => {
    const res = await fetch(url + path);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as { error: { code: string; message: string; param?: string } };
    expect(body.error).toMatchObject({ code, param });
    expect(body.error.message.length).toBeGreaterThan(10);
    expect(queries).toEqual([]);
  });

  it('answers 503 while the services are starting', async () => {
    clearServices();
    try {
      const res = await fetch(`${url}/aging`);
      expect(res.status).toBe(503);
    } finally {
      setServices(services);
    }
  });
});
