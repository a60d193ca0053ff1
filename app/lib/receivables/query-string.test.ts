import { describe, expect, it } from 'vitest';
import type { AgingParams } from '../server/receivables/types.ts';
import { agingCsvHref, invoicesCsvHref, invoicesHref, metricsCsvHref, receivablesHref, trendCsvHref } from './query-string.ts';

const params: AgingParams = { asOf: '2026-03-31', basis: 'due_date', bounds: [0, 30, 60], groupBy: 'customer' };

describe('receivables links', () => {
  it('drills into a cell with every aging parameter, the currency, bucket and key (encoded)', () => {
    expect(invoicesHref(params, { currency: 'RUB', bucket: 2, key: 'c 1&2' })).toBe(
      '/receivables/invoices?asOf=2026-03-31&basis=due_date&buckets=0%2C30%2C60&groupBy=customer&currency=RUB&bucket=2&key=c+1%262',
    );
    expect(invoicesHref(params, { currency: 'USD', bucket: null, key: null }, { offset: '100' })).toBe(
      '/receivables/invoices?asOf=2026-03-31&basis=due_date&buckets=0%2C30%2C60&groupBy=customer&currency=USD&offset=100',
    );
    expect(invoicesCsvHref(params, { currency: 'RUB', bucket: 0, key: null })).toBe(
      '/api/v1/receivables/aging/invoices?asOf=2026-03-31&basis=due_date&buckets=0%2C30%2C60&groupBy=customer&currency=RUB&bucket=0&format=csv',
    );
  });

  it('links the CSV downloads and the page itself', () => {
    expect(agingCsvHref(params)).toBe('/api/v1/receivables/aging?asOf=2026-03-31&basis=due_date&buckets=0%2C30%2C60&groupBy=customer&format=csv');
    expect(trendCsvHref(params, 'RUB')).toBe('/api/v1/receivables/aging/trend?currency=RUB&basis=due_date&buckets=0%2C30%2C60&asOf=2026-03-31&format=csv');
    expect(metricsCsvHref('RUB', 'average_monthly_sales')).toBe('/api/v1/receivables/metrics?currency=RUB&cei=average_monthly_sales&format=csv');
    expect(receivablesHref(params, 'RUB', 'period_sales')).toBe(
      '/receivables?asOf=2026-03-31&basis=due_date&buckets=0%2C30%2C60&groupBy=customer&currency=RUB&cei=period_sales',
    );
  });
});
