import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectionsQueue } from '../../app/lib/server/receivables/aging.ts';
import { openReceivablesFixture, type ReceivablesFixture } from './fixture.ts';

/**
 * The collections queue over the hand-made fixture (./fixture.ts), as of 31 March 2026, Moscow time.
 * Score = 40 × min(1, oldest dpd / 90) + 35 × min(1, overdue / average monthly billing / 3) + 25 × late share.
 *   c_rub2  B 4000 (75 dpd), D 2000 (44), H 800 (30): overdue 6800; billed 7800 over Jan–Feb → 3900 a month;
 *           B, D and H fell due in the last year and none was paid by then → late share 1
 *           = 40 × 75/90 + 35 × 6800/3900/3 + 25 = 33.333 + 20.342 + 25 = 78.7
 *   c_usd   E 700 (167 dpd): 40 + 35 × (700/700/3) + 25 × 1 = 40 + 11.667 + 25 = 76.7
 *   c_rub1  A 6000 (21 dpd), C current: billed 14000 in March; A fell due and was not paid by then, F was
 *           paid before its due date → late share 1/2 = 40 × 21/90 + 35 × 6000/14000/3 + 12.5 = 9.333 + 5 + 12.5 = 26.8
 */
describe('collections queue', () => {
  let fixture: ReceivablesFixture;
  beforeAll(async () => {
    fixture = await openReceivablesFixture();
  });
  afterAll(async () => {
    await fixture?.close();
  });

  it('ranks customers with overdue debt by the documented score', async () => {
    const queue = await collectionsQueue(fixture.warehouse, '2026-03-31', { limit: 50, offset: 0 });
    expect(queue.map((q) => [q.customerId, q.currency, q.overdueMinor, q.maxDaysPastDue, q.priorityScore])).toEqual([
      ['c_rub2', 'RUB', 6800n, 75, 78.7],
      ['c_usd', 'USD', 700n, 167, 76.7],
      ['c_rub1', 'RUB', 6000n, 21, 26.8],
    ]);
    expect(queue.find((q) => q.customerId === 'c_rub1')).toMatchObject({ openMinor: 9000n, overdueInvoices: 1, lateShare: 0.5 });
  });

  it('pages, and leaves out customers with nothing overdue', async () => {
    const second = await collectionsQueue(fixture.warehouse, '2026-03-31', { limit: 1, offset: 1 });
    expect(second.map((q) => q.customerId)).toEqual(['c_usd']);
    // by 30 April A is paid and D voided: c_rub1 owes only C (25 dpd); c_rub2 owes B
    const april = await collectionsQueue(fixture.warehouse, '2026-04-30', { limit: 50, offset: 0 });
    expect(april.map((q) => q.customerId).sort()).toEqual(['c_rub1', 'c_rub2', 'c_usd']);
    const none = await collectionsQueue(fixture.warehouse, '2025-09-30', { limit: 50, offset: 0 });
    expect(none).toEqual([]);
  });
});
