import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectionsQueue } from '../../app/lib/server/receivables/aging.ts';
import { sqlQuery } from '../../pipelines/warehouse/sql-files.ts';
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

/**
 * The queue's SQL takes shortcuts for speed (the window start computed once, billed months as a bit mask,
 * prefilters on local dates and on closed_at that the scans apply). The figures must stay those of the
 * plain definition, written out here the slow way, at every as-of date: windows that start and end on
 * each side of every invoice's issue, due and closing days.
 */
const PLAIN_AGING = `
  with k as (select timezone(s.business_timezone, ($1::DATE + 1)::TIMESTAMP) as e from meta.settings s)
  select c.invoice_id, sum(c.amount_minor)::BIGINT as open_minor
  from marts.fct_invoice_balance_changes c, k
  where c.changed_at < k.e
  group by c.invoice_id
  having sum(c.amount_minor) <> 0`;

const PLAIN_QUEUE = `
  with k as (select $1::DATE as as_of, timezone(s.business_timezone, ($1::DATE + 1)::TIMESTAMP) as e from meta.settings s),
  overdue as (
    select customer_id, currency, sum(open_minor) filter (where age_days > 0) as overdue_minor, max(age_days) as dpd
    from aging group by customer_id, currency having sum(open_minor) filter (where age_days > 0) > 0
  ),
  history as (
    select b.customer_id,
      sum(b.total_minor) filter (where b.issued_at >= k.e - interval 365 day) as billed,
      count(distinct date_trunc('month', b.issued_on)) filter (where b.issued_at >= k.e - interval 365 day) as months,
      count(*) filter (where b.due_at >= k.e - interval 365 day and b.due_at < k.e) as due,
      count(*) filter (where b.due_at >= k.e - interval 365 day and b.due_at < k.e
                         and (b.closed_at is null or b.closed_at >= k.e or b.closed_at > b.due_at)) as late
    from marts.fct_invoice_balances b, k
    where b.issued_at < k.e and (b.voided_at is null or b.voided_at >= k.e)
    group by b.customer_id
  ),
  scored as (
    select o.*, coalesce(h.billed, 0) / greatest(coalesce(h.months, 0), 1) as avg_billed,
      case when coalesce(h.due, 0) = 0 then 0 else h.late / h.due end as late_share
    from overdue o left join history h using (customer_id)
  )
  select customer_id, currency, overdue_minor::BIGINT as overdue_minor, round(late_share, 3) as late_share,
    round(40 * least(1, dpd / 90) + 35 * least(1, case when avg_billed > 0 then overdue_minor / avg_billed / 3 else 1 end) + 25 * late_share, 1) as priority_score
  from scored`;

describe('collections queue shortcuts', () => {
  let fixture: ReceivablesFixture;
  beforeAll(async () => {
    fixture = await openReceivablesFixture();
  });
  afterAll(async () => {
    await fixture?.close();
  });

  it('give the plain definition\'s aging and queue at every as-of date', async () => {
    const days: string[] = [];
    // every 15th day from before the first invoice to after the last one has left every 12-month window
    for (let t = Date.UTC(2025, 8, 25); t <= Date.UTC(2027, 4, 1); t += 15 * 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
    // and the days around the fixture's events (issue, due, payment, void, month ends), a year later too
    for (const d of ['2026-02-28', '2026-03-01', '2026-03-09', '2026-03-10', '2026-03-31', '2026-04-01', '2026-04-02', '2026-04-03',
      '2027-02-27', '2027-02-28', '2027-03-01', '2027-03-09', '2027-03-10', '2027-03-14', '2027-03-15', '2026-10-14', '2026-10-15']) days.push(d);
    const json = (rows: unknown[]) => JSON.stringify(rows, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
    let nonEmpty = 0;
    for (const asOf of days) {
      const aging = await fixture.warehouse.query(`SELECT invoice_id, open_minor FROM (${sqlQuery('aging_invoices')}) ORDER BY invoice_id`, [asOf, 'due_date', '0', null]);
      const plainAging = await fixture.warehouse.query(`${PLAIN_AGING} ORDER BY invoice_id`, [asOf]);
      expect(json(aging), asOf).toBe(json(plainAging));
      const queue = await fixture.warehouse.query(
        `WITH aging AS (${sqlQuery('aging_invoices')}) SELECT customer_id, currency, overdue_minor, late_share, priority_score
         FROM (${sqlQuery('collections_queue')}) ORDER BY customer_id, currency`,
        [asOf, 'due_date', '0', null],
      );
      const plainQueue = await fixture.warehouse.query(
        `WITH aging AS (${sqlQuery('aging_invoices')}), plain AS (${PLAIN_QUEUE}) SELECT * FROM plain ORDER BY customer_id, currency`,
        [asOf, 'due_date', '0', null],
      );
      expect(json(queue), asOf).toBe(json(plainQueue));
      if (queue.length) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(20);
  }, 300_000);
});
